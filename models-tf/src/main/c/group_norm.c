// The xLSTM's normalisations (layers/XlstmNorm: the library's LayerNorm, and its MultiHeadLayerNorm
// with one group per head) as TensorFlow CPU kernels, alone and with what follows the mLSTM's:
//
//   n[r, h·Q + i] = x̂[r, h·Q + i] · (1 + w[h, i]),   x̂ = (x − μ[r, h]) / √(σ²[r, h] + eps)
//
//   RuleBenchGroupNorm           (x, w, eps) → n
//   RuleBenchGroupNormGrad       (x, w, eps, dy) → (d_x, d_w, d_eps)
//   RuleBenchGatedGroupNorm      (x, w, eps, c, z, skip) → (n + skip·c) · silu(z)
//   RuleBenchGatedGroupNormGrad  (x, w, eps, c, z, skip, dy) → (d_x, d_w, d_eps, d_c, d_z, d_skip)
//
// x, c, z and the outputs: [R, H·Q]; w and skip: [H, Q] (w the gain's offset from 1; their first
// dimension gives the groups); eps: a scalar. μ and σ² are the mean and biased variance of a row's
// Q channels of one group. d_eps is 0 (eps is a setting, not a weight). The gated form is the
// mLSTM layer's output (arch/MlstmBlock): its cell's group norm, the learnable skip of the
// convolution's output c, and the gate z.
//
// Why a kernel: as ops a norm is 9 ops forward and about 20 backward, and the gate and skip another
// 5 and 10, each a pass over [R, H·Q] in memory; the xLSTM's paper step runs 14 norms (5 of them
// gated) over 32 896 rows. Here each direction is one pass over the rows, the backward pass
// recomputing μ and σ²: with g = dn·(1 + w), d_x = (g − mean(g) − x̂·mean(g·x̂)) / √(σ² + eps).
//
// Determinism: rows are cut into fixed blocks of ROW_BLOCK rows; d_w and d_skip are summed per
// block and the blocks' sums are added in block order, whatever the number of threads.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fast_math.h"
#include "kernel_support.h"
#include "lanes.h"

enum { ROW_BLOCK = 256 };

typedef struct {
  int64_t rows, groups, width;  // R, H, Q
  float eps;
  const float *x, *w, *dy;
  const float *c, *z, *skip;  // the gated form's; null for the norm alone
  float *y, *d_x, *d_c, *d_z;
  float *d_w_blocks, *d_skip_blocks;  // [blocks, H·Q] each (d_skip: the gated form's), summed in block order
} Norm;

/** Σ x_i over q floats: in LANES-wide partial sums where q is a multiple of LANES, else one by one. */
INLINE float sum(const float *x, int64_t q) {
  if (q % LANES != 0) {
    float s = 0;
    for (int64_t i = 0; i < q; i++) s += x[i];
    return s;
  }
  lanes s = {0};
  for (int64_t i = 0; i < q; i += LANES) s += load(x + i);
  return total(s);
}

/** Σ (x_i − mean)² over q floats, in the order of sum(). */
INLINE float squares(const float *x, float mean, int64_t q) {
  if (q % LANES != 0) {
    float s = 0;
    for (int64_t i = 0; i < q; i++) s += (x[i] - mean) * (x[i] - mean);
    return s;
  }
  lanes s = {0};
  for (int64_t i = 0; i < q; i += LANES) {
    lanes centred = load(x + i) - mean;
    s += centred * centred;
  }
  return total(s);
}

/** μ and 1/√(σ² + eps) of one group's q channels. */
INLINE void statistics(const float *x, int64_t q, float eps, float *mean, float *scale) {
  *mean = sum(x, q) / (float) q;
  *scale = 1.0f / sqrtf(squares(x, *mean, q) / (float) q + eps);
}

CLONED static void forward_rows(const Norm *s, int64_t from, int64_t to) {
  const int64_t Q = s->width, C = s->groups * Q;
  for (int64_t r = from; r < to; r++) {
    for (int64_t h = 0; h < s->groups; h++) {
      const int64_t at = r * C + h * Q;
      const float *x = s->x + at, *w = s->w + h * Q;
      float *y = s->y + at;
      float mean, scale;
      statistics(x, Q, s->eps, &mean, &scale);
      if (s->c == NULL) {
#pragma omp simd
        for (int64_t i = 0; i < Q; i++) y[i] = (x[i] - mean) * scale * (1.0f + w[i]);
      } else {
        const float *c = s->c + at, *z = s->z + at, *skip = s->skip + h * Q;
#pragma omp simd
        for (int64_t i = 0; i < Q; i++) {
          y[i] = ((x[i] - mean) * scale * (1.0f + w[i]) + skip[i] * c[i]) * z[i] * fast_sigmoid(z[i]);
        }
      }
    }
  }
}

/**
 * d_x of rows [from, to) (and the gated form's d_c and d_z), and their Σ dn·x̂ and Σ ds·c added into
 * the block's d_w and d_skip; `scratch` holds 2·Q floats (g and x̂ of one group).
 */
CLONED static void backward_rows(const Norm *s, int64_t from, int64_t to, float *d_w, float *d_skip,
    float *scratch) {
  const int64_t Q = s->width, C = s->groups * Q;
  float *g = scratch, *normalised = scratch + Q;
  for (int64_t r = from; r < to; r++) {
    for (int64_t h = 0; h < s->groups; h++) {
      const int64_t at = r * C + h * Q;
      const float *x = s->x + at, *dy = s->dy + at, *w = s->w + h * Q;
      float *d_x = s->d_x + at, *d_wh = d_w + h * Q;
      float mean, scale;
      statistics(x, Q, s->eps, &mean, &scale);
      if (s->c == NULL) {
#pragma omp simd
        for (int64_t i = 0; i < Q; i++) {
          normalised[i] = (x[i] - mean) * scale;
          g[i] = dy[i] * (1.0f + w[i]);
          d_wh[i] += dy[i] * normalised[i];
        }
      } else {
        // y = s·silu(z) with s = n + skip·c: ds = dy·silu(z), and dn = ds
        const float *c = s->c + at, *z = s->z + at, *skip = s->skip + h * Q;
        float *d_c = s->d_c + at, *d_z = s->d_z + at, *d_skiph = d_skip + h * Q;
#pragma omp simd
        for (int64_t i = 0; i < Q; i++) {
          normalised[i] = (x[i] - mean) * scale;
          const float sigmoid = fast_sigmoid(z[i]), gain = 1.0f + w[i];
          const float summed = normalised[i] * gain + skip[i] * c[i];
          const float d_summed = dy[i] * z[i] * sigmoid;
          d_z[i] = dy[i] * summed * silu_slope(z[i], sigmoid);
          d_c[i] = d_summed * skip[i];
          d_skiph[i] += d_summed * c[i];
          g[i] = d_summed * gain;
          d_wh[i] += d_summed * normalised[i];
        }
      }
      const float g_mean = sum(g, Q) / (float) Q;
      const float g_x_mean = dot_any(g, normalised, Q) / (float) Q;
#pragma omp simd
      for (int64_t i = 0; i < Q; i++) d_x[i] = (g[i] - g_mean - normalised[i] * g_x_mean) * scale;
    }
  }
}

/** Work on blocks [from, to) of ROW_BLOCK rows; nonzero if out of memory. */
static int norm_blocks(void *context, int64_t from, int64_t to) {
  const Norm *s = context;
  const int64_t C = s->groups * s->width;
  float *scratch = NULL;
  if (s->dy != NULL && (scratch = malloc(sizeof(float) * (size_t) (2 * s->width))) == NULL) return 1;
  for (int64_t block = from; block < to; block++) {
    const int64_t first = block * ROW_BLOCK, last = first + ROW_BLOCK < s->rows ? first + ROW_BLOCK : s->rows;
    if (s->dy == NULL) {
      forward_rows(s, first, last);
    } else {
      float *d_w = s->d_w_blocks + block * C, *d_skip = s->c != NULL ? s->d_skip_blocks + block * C : NULL;
      memset(d_w, 0, sizeof(float) * (size_t) C);
      if (d_skip != NULL) memset(d_skip, 0, sizeof(float) * (size_t) C);
      backward_rows(s, first, last, d_w, d_skip, scratch);
    }
  }
  free(scratch);
  return 0;
}

static const char *const LAYOUT = "x [R, H·Q], w [H, Q], eps [] (and dy [R, H·Q])";
static const char *const GATED_LAYOUT = "x, c, z [R, H·Q], w, skip [H, Q], eps [] (and dy [R, H·Q])";

/**
 * Reads the inputs into `s` and checks their shapes: x, w, eps, then c, z, skip if `gated`, then dy
 * if `count` has one more; 0 (after failing ctx) if wrong.
 */
static int read_norm(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, int gated, Norm *s) {
  static const int ranks[] = {2, 2, 0, 2, 2, 2, 2};  // eps a scalar, every other input a matrix
  const int inputs = gated ? 6 : 3, backward = count > inputs;
  const char *op = gated ? (backward ? "RuleBenchGatedGroupNormGrad" : "RuleBenchGatedGroupNorm")
      : (backward ? "RuleBenchGroupNormGrad" : "RuleBenchGroupNorm");
  const char *layout = gated ? GATED_LAYOUT : LAYOUT;
  if (!read_inputs(ctx, status, in, count, ranks, op, layout)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->groups = TF_Dim(in[1], 0);
  s->width = TF_Dim(in[1], 1);
  const int64_t C = s->groups * s->width;
  int disagree = TF_Dim(in[0], 1) != C || s->width < 1;
  for (int i = 3; i < count; i++) {
    const int weights = gated && i == 5;  // skip: [H, Q]; the others rows as x
    disagree |= weights ? TF_Dim(in[i], 0) != s->groups || TF_Dim(in[i], 1) != s->width
                        : TF_Dim(in[i], 0) != s->rows || TF_Dim(in[i], 1) != C;
  }
  if (disagree) {
    return fail_shapes(ctx, status, op, layout);
  }
  s->x = TF_TensorData(in[0]);
  s->w = TF_TensorData(in[1]);
  s->eps = *(const float *) TF_TensorData(in[2]);
  if (gated) {
    s->c = TF_TensorData(in[3]);
    s->z = TF_TensorData(in[4]);
    s->skip = TF_TensorData(in[5]);
  }
  s->dy = backward ? TF_TensorData(in[inputs]) : NULL;
  return 1;
}

static int64_t blocks(const Norm *s) { return (s->rows + ROW_BLOCK - 1) / ROW_BLOCK; }

static void forward(void *kernel, TF_OpKernelContext *ctx, int gated) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[6] = {0}, *out[1] = {0};
  Norm s = {0};
  if (read_norm(ctx, status, in, gated ? 6 : 3, gated, &s)) {
    const int64_t dims[] = {s.rows, s.groups * s.width};
    if ((s.y = allocate_output(ctx, status, out, 0, dims, 2))) {
      parallel_rows(blocks(&s), ((Kernel *) kernel)->threads, norm_blocks, &s);
    }
  }
  delete_tensors(in, 6);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void backward(void *kernel, TF_OpKernelContext *ctx, int gated) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[7] = {0}, *out[6] = {0};
  Norm s = {0};
  const char *out_of_memory = gated ? "RuleBenchGatedGroupNormGrad: out of memory for its scratch"
      : "RuleBenchGroupNormGrad: out of memory for its scratch";
  if (read_norm(ctx, status, in, (gated ? 6 : 3) + 1, gated, &s)) {
    const int64_t rows[] = {s.rows, s.groups * s.width}, gains[] = {s.groups, s.width};
    float *d_w = NULL, *d_eps = NULL, *d_skip = NULL;
    int allocated = (s.d_x = allocate_output(ctx, status, out, 0, rows, 2))
        && (d_w = allocate_output(ctx, status, out, 1, gains, 2)) && (d_eps = allocate_output(ctx, status, out, 2,
        NULL, 0));
    if (allocated && gated) {
      allocated = (s.d_c = allocate_output(ctx, status, out, 3, rows, 2))
          && (s.d_z = allocate_output(ctx, status, out, 4, rows, 2))
          && (d_skip = allocate_output(ctx, status, out, 5, gains, 2));
    }
    if (allocated) {
      *d_eps = 0;
      const int64_t size = s.groups * s.width;
      // + 1: an empty batch is not a failed allocation
      s.d_w_blocks = malloc(sizeof(float) * (size_t) (blocks(&s) * size + 1));
      s.d_skip_blocks = gated ? malloc(sizeof(float) * (size_t) (blocks(&s) * size + 1)) : NULL;
      if (s.d_w_blocks == NULL || (gated && s.d_skip_blocks == NULL)
          || parallel_rows(blocks(&s), ((Kernel *) kernel)->threads, norm_blocks, &s) != 0) {
        fail(ctx, status, TF_INTERNAL, out_of_memory);
      } else {
        sum_in_order(d_w, s.d_w_blocks, blocks(&s), size);
        if (gated) sum_in_order(d_skip, s.d_skip_blocks, blocks(&s), size);
      }
      free(s.d_w_blocks);
      free(s.d_skip_blocks);
    }
  }
  delete_tensors(in, 7);
  delete_tensors(out, 6);
  TF_DeleteStatus(status);
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) { forward(kernel, ctx, 0); }
static void compute_backward(void *kernel, TF_OpKernelContext *ctx) { backward(kernel, ctx, 0); }
static void compute_gated_forward(void *kernel, TF_OpKernelContext *ctx) { forward(kernel, ctx, 1); }
static void compute_gated_backward(void *kernel, TF_OpKernelContext *ctx) { backward(kernel, ctx, 1); }

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_group_norm(void) {
  static const char *const inputs[] = {"x: float", "w: float", "eps: float", "dy: float"};
  static const char *const gradients[] = {"d_x: float", "d_w: float", "d_eps: float"};
  register_op_and_gradient("RuleBenchGroupNorm", inputs, 3, "y: float", shapes_like_inputs_1, compute_forward,
      gradients, compute_backward);
  static const char *const gated_inputs[] = {"x: float", "w: float", "eps: float", "c: float", "z: float",
      "skip: float", "dy: float"};
  static const char *const gated_gradients[] = {"d_x: float", "d_w: float", "d_eps: float", "d_c: float",
      "d_z: float", "d_skip: float"};
  register_op_and_gradient("RuleBenchGatedGroupNorm", gated_inputs, 6, "y: float", shapes_like_inputs_1,
      compute_gated_forward, gated_gradients, compute_gated_backward);
}
