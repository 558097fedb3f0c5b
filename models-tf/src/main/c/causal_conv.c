// The causal depthwise convolution of layers/CausalConv (Mamba's and xLSTM's short convolutions)
// as TensorFlow CPU kernels, alone and with the bias and SiLU that follow it in both models:
//
//   y_t[c] = Σ_k w[k, c] · x_{t−K+1+k}[c]   (zeros before the first position)
//
//   RuleBenchCausalConv          (x, w) → y                (the bias is added outside)
//   RuleBenchCausalConvGrad      (x, w, dy) → (d_x, d_w)
//   RuleBenchCausalConvSilu      (x, w, b) → silu(y + b)
//   RuleBenchCausalConvSiluGrad  (x, w, b, dy) → (d_x, d_w, d_b)
//
// x, y: [B, L, C]; w: [K, C]; b: [C].
//
// Why a kernel: TensorFlow runs it as DepthwiseConv2dNative on a padded copy, and that op's
// gradients (oneDNN's DepthwiseConv2dNativeBackpropFilter and BackpropInput) took 9–10 ms per
// Mamba layer at the paper's batch for a few FMAs per element. Here each batch row is one pass over
// its [L, C] rows, vectorised over channels. The SiLU form also saves the bias add, the sigmoid and
// the products around it, and their gradients: six ops over [B, L, C] forward and backward. Its
// gradient op computes the pre-activations again, one row at a time.
//
// Determinism: as the scan, each row is computed by one thread, and d_w and d_b are summed over
// rows from per-row partial sums in row order.
#include <stdlib.h>
#include <string.h>

#include "fast_math.h"
#include "kernel_support.h"

typedef struct {
  int64_t rows, steps, channels, taps;  // B, L, C, K
  const float *x, *w, *dy;
  const float *b;  // the SiLU form's bias; null for the convolution alone
  float *y, *d_x;
  float *d_w_rows, *d_b_rows;  // [B, K, C] and (the SiLU form's) [B, C], summed over rows at the end
} Conv;

/** The convolution of one row into y ([L, C]); in the SiLU form, silu(· + b), or · + b if `linear`. */
CLONED static void forward_row(const Conv *s, int64_t row, float *y, int linear) {
  const int64_t L = s->steps, C = s->channels, K = s->taps;
  const float *x = s->x + row * L * C, *b = s->b;
  for (int64_t t = 0; t < L; t++) {
    float *yt = y + t * C;
    memset(yt, 0, sizeof(float) * C);
    for (int64_t k = 0; k < K; k++) {
      const int64_t source = t - K + 1 + k;
      if (source < 0) continue;
      const float *xs = x + source * C, *wk = s->w + k * C;
#pragma omp simd
      for (int64_t c = 0; c < C; c++) yt[c] += wk[c] * xs[c];
    }
    if (b != NULL && linear) {
#pragma omp simd
      for (int64_t c = 0; c < C; c++) yt[c] += b[c];
    } else if (b != NULL) {
#pragma omp simd
      for (int64_t c = 0; c < C; c++) {
        const float pre = yt[c] + b[c];
        yt[c] = pre * fast_sigmoid(pre);
      }
    }
  }
}

/**
 * The SiLU form's backward step for one row: dy·silu'(pre) into `g` ([L, C]), its pre-activations
 * computed again there first, and Σ_t of it into the row's d_b.
 */
CLONED static void silu_gradient_row(const Conv *s, int64_t row, float *g, float *d_b) {
  const int64_t L = s->steps, C = s->channels;
  const float *dy = s->dy + row * L * C;
  forward_row(s, row, g, 1);
  memset(d_b, 0, sizeof(float) * C);
  for (int64_t t = 0; t < L; t++) {
    float *gt = g + t * C;
    const float *dyt = dy + t * C;
#pragma omp simd
    for (int64_t c = 0; c < C; c++) {
      gt[c] = dyt[c] * silu_slope(gt[c], fast_sigmoid(gt[c]));
      d_b[c] += gt[c];
    }
  }
}

/**
 * d_x_s = Σ_k w[k]·dy_{s+K−1−k}; d_w[k] += dy_t·x_{t−K+1+k}, into this row's partial sums; dy is the
 * row's ([L, C]).
 */
CLONED static void backward_row(const Conv *s, int64_t row, const float *dy) {
  const int64_t L = s->steps, C = s->channels, K = s->taps;
  const float *x = s->x + row * L * C;
  float *d_x = s->d_x + row * L * C, *d_w = s->d_w_rows + row * K * C;
  memset(d_w, 0, sizeof(float) * K * C);
  for (int64_t t = 0; t < L; t++) {
    float *dxt = d_x + t * C;
    const float *dyt = dy + t * C;
    memset(dxt, 0, sizeof(float) * C);
    for (int64_t k = 0; k < K; k++) {
      const int64_t target = t + K - 1 - k;  // the output that read x_t through tap k
      if (target < L) {
        const float *dyk = dy + target * C, *wk = s->w + k * C;
#pragma omp simd
        for (int64_t c = 0; c < C; c++) dxt[c] += wk[c] * dyk[c];
      }
      const int64_t source = t - K + 1 + k;  // the input that output t read through tap k
      if (source >= 0) {
        const float *xs = x + source * C;
        float *dwk = d_w + k * C;
#pragma omp simd
        for (int64_t c = 0; c < C; c++) dwk[c] += dyt[c] * xs[c];
      }
    }
  }
}

/** Work on batch rows [from, to); nonzero if out of memory (the SiLU form's backward scratch). */
static int conv_rows(void *context, int64_t from, int64_t to) {
  const Conv *s = context;
  const int64_t L = s->steps, C = s->channels;
  float *g = NULL;
  // + 1: empty rows are not a failed allocation
  if (s->dy != NULL && s->b != NULL && (g = malloc(sizeof(float) * (size_t) (L * C + 1))) == NULL) return 1;
  for (int64_t row = from; row < to; row++) {
    if (s->dy == NULL) {
      forward_row(s, row, s->y + row * L * C, 0);
    } else if (g != NULL) {
      silu_gradient_row(s, row, g, s->d_b_rows + row * C);
      backward_row(s, row, g);
    } else {
      backward_row(s, row, s->dy + row * L * C);
    }
  }
  free(g);
  return 0;
}

static const char *const LAYOUT = "x [B, L, C], w [K, C] (and dy [B, L, C])";
static const char *const SILU_LAYOUT = "x [B, L, C], w [K, C], b [C] (and dy [B, L, C])";

/**
 * Reads the inputs into `s` and checks their shapes: x, w, then b if `silu`, then dy if `count` has
 * one more; 0 (after failing ctx) if wrong.
 */
static int read_conv(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, int silu, Conv *s) {
  const int inputs = silu ? 3 : 2, backward = count > inputs;
  const int ranks[] = {3, 2, silu ? 1 : 3, 3};
  const char *op = silu ? (backward ? "RuleBenchCausalConvSiluGrad" : "RuleBenchCausalConvSilu")
      : (backward ? "RuleBenchCausalConvGrad" : "RuleBenchCausalConv");
  const char *layout = silu ? SILU_LAYOUT : LAYOUT;
  if (!read_inputs(ctx, status, in, count, ranks, op, layout)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->steps = TF_Dim(in[0], 1);
  s->channels = TF_Dim(in[0], 2);
  s->taps = TF_Dim(in[1], 0);
  int disagree = TF_Dim(in[1], 1) != s->channels || (silu && TF_Dim(in[2], 0) != s->channels);
  for (int k = 0; backward && k < 3; k++) disagree |= TF_Dim(in[inputs], k) != TF_Dim(in[0], k);
  if (disagree) {
    return fail_shapes(ctx, status, op, layout);
  }
  s->x = TF_TensorData(in[0]);
  s->w = TF_TensorData(in[1]);
  s->b = silu ? TF_TensorData(in[2]) : NULL;
  s->dy = backward ? TF_TensorData(in[inputs]) : NULL;
  return 1;
}

static void forward(void *kernel, TF_OpKernelContext *ctx, int silu) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[3] = {0}, *out[1] = {0};
  Conv s = {0};
  if (read_conv(ctx, status, in, silu ? 3 : 2, silu, &s)) {
    const int64_t dims[] = {s.rows, s.steps, s.channels};
    if ((s.y = allocate_output(ctx, status, out, 0, dims, 3))) {
      parallel_rows(s.rows, ((Kernel *) kernel)->threads, conv_rows, &s);
    }
  }
  delete_tensors(in, 3);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void backward(void *kernel, TF_OpKernelContext *ctx, int silu) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[4] = {0}, *out[3] = {0};
  Conv s = {0};
  float *rows_d_w = NULL, *rows_d_b = NULL;
  const char *out_of_memory = silu ? "RuleBenchCausalConvSiluGrad: out of memory for its scratch"
      : "RuleBenchCausalConvGrad: out of memory for its scratch";
  if (read_conv(ctx, status, in, silu ? 4 : 3, silu, &s)) {
    const int64_t sequence[] = {s.rows, s.steps, s.channels}, filter[] = {s.taps, s.channels},
        channels[] = {s.channels};
    float *d_w = NULL, *d_b = NULL;
    if ((s.d_x = allocate_output(ctx, status, out, 0, sequence, 3))
        && (d_w = allocate_output(ctx, status, out, 1, filter, 2))
        && (!silu || (d_b = allocate_output(ctx, status, out, 2, channels, 1)))) {
      // + 1: an empty batch is not a failed allocation
      s.d_w_rows = rows_d_w = malloc(sizeof(float) * (size_t) (s.rows * s.taps * s.channels + 1));
      s.d_b_rows = rows_d_b = silu ? malloc(sizeof(float) * (size_t) (s.rows * s.channels + 1)) : NULL;
      if (rows_d_w == NULL || (silu && rows_d_b == NULL)
          || parallel_rows(s.rows, ((Kernel *) kernel)->threads, conv_rows, &s) != 0) {
        fail(ctx, status, TF_INTERNAL, out_of_memory);
      } else {
        sum_in_order(d_w, rows_d_w, s.rows, s.taps * s.channels);
        if (silu) sum_in_order(d_b, rows_d_b, s.rows, s.channels);
      }
    }
  }
  free(rows_d_w);
  free(rows_d_b);
  delete_tensors(in, 4);
  delete_tensors(out, 3);
  TF_DeleteStatus(status);
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) { forward(kernel, ctx, 0); }
static void compute_backward(void *kernel, TF_OpKernelContext *ctx) { backward(kernel, ctx, 0); }
static void compute_silu_forward(void *kernel, TF_OpKernelContext *ctx) { forward(kernel, ctx, 1); }
static void compute_silu_backward(void *kernel, TF_OpKernelContext *ctx) { backward(kernel, ctx, 1); }

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_causal_conv(void) {
  static const char *const inputs[] = {"x: float", "w: float", "dy: float"};
  static const char *const gradients[] = {"d_x: float", "d_w: float"};
  register_op_and_gradient("RuleBenchCausalConv", inputs, 2, "y: float", shapes_like_inputs_1, compute_forward,
      gradients, compute_backward);
  static const char *const silu_inputs[] = {"x: float", "w: float", "b: float", "dy: float"};
  static const char *const silu_gradients[] = {"d_x: float", "d_w: float", "d_b: float"};
  register_op_and_gradient("RuleBenchCausalConvSilu", silu_inputs, 3, "y: float", shapes_like_inputs_1,
      compute_silu_forward, silu_gradients, compute_silu_backward);
}
