// The causal depthwise convolution of layers/CausalConv (Mamba's and xLSTM's short convolutions)
// as two TensorFlow CPU kernels, loaded with selective_scan.c:
//
//   y_t[c] = Σ_k w[k, c] · x_{t−K+1+k}[c]   (zeros before the first position; the bias is added outside)
//
//   RuleBenchCausalConv      (x, w) → y
//   RuleBenchCausalConvGrad  (x, w, dy) → (d_x, d_w)
//
// x, y: [B, L, C]; w: [K, C].
//
// Why a kernel: TensorFlow runs it as DepthwiseConv2dNative on a padded copy, and that op's
// gradients (oneDNN's DepthwiseConv2dNativeBackpropFilter and BackpropInput) took 9–10 ms per
// Mamba layer at the paper's batch for a few FMAs per element. Here each batch row is one pass over
// its [L, C] rows, vectorised over channels.
//
// Determinism: as the scan, each row is computed by one thread, and d_w is summed over rows from
// per-row partial sums in row order.
#include <stdlib.h>
#include <string.h>

#include "kernel_support.h"

typedef struct {
  int64_t rows, steps, channels, taps;  // B, L, C, K
  const float *x, *w, *dy;
  float *y, *d_x, *d_w_rows;  // d_w_rows: [B, K, C], summed over rows at the end
} Conv;

CLONED static void forward_row(const Conv *s, int64_t row) {
  const int64_t L = s->steps, C = s->channels, K = s->taps;
  const float *x = s->x + row * L * C;
  float *y = s->y + row * L * C;
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
  }
}

/** d_x_s = Σ_k w[k]·dy_{s+K−1−k}; d_w[k] += dy_t·x_{t−K+1+k}, into this row's partial sums. */
CLONED static void backward_row(const Conv *s, int64_t row) {
  const int64_t L = s->steps, C = s->channels, K = s->taps;
  const float *x = s->x + row * L * C, *dy = s->dy + row * L * C;
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

static int conv_rows(void *context, int64_t from, int64_t to) {
  const Conv *s = context;
  for (int64_t row = from; row < to; row++) {
    if (s->dy == NULL) {
      forward_row(s, row);
    } else {
      backward_row(s, row);
    }
  }
  return 0;
}

static const char *const LAYOUT = "x [B, L, C], w [K, C] (and dy [B, L, C])";

/** Reads the inputs into `s` and checks their shapes; 0 (after failing ctx) if wrong. */
static int read_conv(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, Conv *s) {
  static const int ranks[] = {3, 2, 3};
  const char *op = count > 2 ? "RuleBenchCausalConvGrad" : "RuleBenchCausalConv";
  if (!read_inputs(ctx, status, in, count, ranks, op, LAYOUT)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->steps = TF_Dim(in[0], 1);
  s->channels = TF_Dim(in[0], 2);
  s->taps = TF_Dim(in[1], 0);
  int disagree = TF_Dim(in[1], 1) != s->channels;
  for (int k = 0; count > 2 && k < 3; k++) disagree |= TF_Dim(in[2], k) != TF_Dim(in[0], k);
  if (disagree) {
    return fail_shapes(ctx, status, op, LAYOUT);
  }
  s->x = TF_TensorData(in[0]);
  s->w = TF_TensorData(in[1]);
  s->dy = count > 2 ? TF_TensorData(in[2]) : NULL;
  return 1;
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[2] = {0}, *out[1] = {0};
  Conv s = {0};
  if (read_conv(ctx, status, in, 2, &s)) {
    const int64_t dims[] = {s.rows, s.steps, s.channels};
    if ((s.y = allocate_output(ctx, status, out, 0, dims, 3))) {
      parallel_rows(s.rows, ((Kernel *) kernel)->threads, conv_rows, &s);
    }
  }
  delete_tensors(in, 2);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void compute_backward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[3] = {0}, *out[2] = {0};
  Conv s = {0};
  float *rows_d_w = NULL;
  if (read_conv(ctx, status, in, 3, &s)) {
    const int64_t sequence[] = {s.rows, s.steps, s.channels}, filter[] = {s.taps, s.channels};
    float *d_w = NULL;
    if ((s.d_x = allocate_output(ctx, status, out, 0, sequence, 3))
        && (d_w = allocate_output(ctx, status, out, 1, filter, 2))) {
      const int64_t width = s.taps * s.channels;
      rows_d_w = malloc(sizeof(float) * (size_t) (s.rows * width));
      s.d_w_rows = rows_d_w;
      if (rows_d_w == NULL) {
        fail(ctx, status, TF_INTERNAL, "RuleBenchCausalConvGrad: out of memory for its scratch");
      } else {
        parallel_rows(s.rows, ((Kernel *) kernel)->threads, conv_rows, &s);
        sum_in_order(d_w, rows_d_w, s.rows, width);
      }
    }
  }
  free(rows_d_w);
  delete_tensors(in, 3);
  delete_tensors(out, 2);
  TF_DeleteStatus(status);
}

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_causal_conv(void) {
  static const char *const inputs[] = {"x: float", "w: float", "dy: float"};
  static const char *const gradients[] = {"d_x: float", "d_w: float"};
  register_op_and_gradient("RuleBenchCausalConv", inputs, 2, "y: float", shapes_like_inputs_1, compute_forward,
      gradients, compute_backward);
}
