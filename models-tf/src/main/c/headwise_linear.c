// The xLSTM's block-diagonal projections (layers/HeadwiseLinear: the mLSTM's q, k and v maps, the
// sLSTM's gate maps) as two TensorFlow CPU kernels:
//
//   y[r, h·P + o] = Σ_i w[h, o, i] · x[r, h·Q + i]
//
//   RuleBenchHeadwiseLinear      (x, w) → y
//   RuleBenchHeadwiseLinearGrad  (x, w, dy) → (d_x, d_w)
//
// x, y: [R, H·Q] (maps from a width to the same width, so P = Q); w: [H, P, Q].
//
// Why a kernel: TensorFlow has no block-diagonal product, and the op graph multiplies by the dense
// [H·Q, H·P] matrix (an einsum over heads of 4 channels was ten times slower still). At the paper's
// 32 heads of 4 that is 32 times the arithmetic: 12–14 ms per product at the paper's 32 896 rows,
// 45 products per xLSTM step. Here each row is H small products.
//
// Determinism: rows are cut into fixed blocks of ROW_BLOCK rows; d_w is summed per block and the
// blocks' sums are added in block order, whatever the number of threads.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_support.h"
#include "lanes.h"

enum { ROW_BLOCK = 256 };

typedef struct {
  int64_t rows, heads, width;  // R, H, Q (= P)
  const float *x, *w, *dy;
  float *y, *d_x, *d_w_blocks;  // d_w_blocks: [blocks, Q, H·Q] (see backward_rows), summed at the end
  // w rearranged so that every loop runs along a row's H·Q channels c = h·Q + o:
  const float *w_out;  // [Q, H·Q]: w_out[i, c] = w[h, o, i], for y and d_w
  const float *w_in;   // [Q, H·Q]: w_in[o, c] = w[h, o, i] with c = h·Q + i, for d_x
  const int32_t *head_start;  // [H·Q]: h·Q for channel c
} Headwise;

// Each channel reads the Q channels of its own head: x[r, head_start[c] + i]. The loops run along
// the row's channels (vectorised, the reads a gather within a cached row), not along the heads'
// 4-long products.

CLONED static void forward_rows(const Headwise *s, int64_t from, int64_t to) {
  const int64_t Q = s->width, C = s->heads * Q;
  const int32_t *start = s->head_start;
  for (int64_t r = from; r < to; r++) {
    const float *x = s->x + r * C;
    float *y = s->y + r * C;
    memset(y, 0, sizeof(float) * C);
    for (int64_t i = 0; i < Q; i++) {
      const float *w = s->w_out + i * C;
#pragma omp simd
      for (int64_t c = 0; c < C; c++) y[c] += w[c] * x[start[c] + i];
    }
  }
}

// Heads of four channels (the xLSTM's default qkvBlockSize): each head's 4 × 4 product reads its
// own four contiguous inputs, with no gather. Sixteen channels (four heads) at a time run as one
// vector: spread() copies each head's input i to its four lanes, so a head's product is four
// multiply-adds of whole vectors. For the paper's 32 896 rows of 32 heads on one thread, timed in
// a C loop (8 Dec 2026), that took the backward pass from 7.9 to 3.7 ms and the forward pass from
// 2.2 to 1.9 ms against per-head loops, which remain for the last heads when they are not a
// multiple of four. Each sum adds its terms in the order i = 0, 1, 2, 3 (o for d_x), the first
// term a product.

typedef int32_t lane_indices __attribute__((vector_size(LANES * sizeof(int32_t))));

/** Each head's channel k in all four lanes of its head, for the four heads of `v`. */
INLINE lanes spread(lanes v, int k) {
  static const lane_indices from[4] = {
      {0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12},
      {1, 1, 1, 1, 5, 5, 5, 5, 9, 9, 9, 9, 13, 13, 13, 13},
      {2, 2, 2, 2, 6, 6, 6, 6, 10, 10, 10, 10, 14, 14, 14, 14},
      {3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15}};
  return __builtin_shuffle(v, from[k]);
}

/** Σ_k m[k·C + c]·spread(v, k) for the 16 channels at c: four heads' 4 × 4 products. */
INLINE lanes heads_product(const float *m, int64_t C, int64_t c, lanes v) {
  lanes sum = load(m + c) * spread(v, 0);
  for (int k = 1; k < 4; k++) sum += load(m + k * C + c) * spread(v, k);
  return sum;
}

CLONED static void forward_rows_4(const Headwise *s, int64_t from, int64_t to) {
  const int64_t C = s->heads * 4, vectors = C - C % LANES;
  for (int64_t r = from; r < to; r++) {
    const float *x = s->x + r * C;
    float *y = s->y + r * C;
    for (int64_t c = 0; c < vectors; c += LANES) store(y + c, heads_product(s->w_out, C, c, load(x + c)));
    for (int64_t h = vectors / 4; h < s->heads; h++) {
      const float *xh = x + h * 4, *wh = s->w + h * 16;  // w[h, o, i]
      for (int o = 0; o < 4; o++) {
        float sum = wh[o * 4] * xh[0];
        for (int i = 1; i < 4; i++) sum = __builtin_fmaf(wh[o * 4 + i], xh[i], sum);
        y[h * 4 + o] = sum;
      }
    }
  }
}

/** d_w as backward_rows; d_x[h·4 + i] = Σ_o w[h, o, i]·dy[h·4 + o] per head. */
CLONED static void backward_rows_4(const Headwise *s, int64_t from, int64_t to, float *d_w) {
  const int64_t C = s->heads * 4, vectors = C - C % LANES;
  const int32_t *start = s->head_start;
  for (int64_t r = from; r < to; r++) {
    const float *x = s->x + r * C, *dy = s->dy + r * C;
    float *d_x = s->d_x + r * C;
    for (int64_t c = 0; c < vectors; c += LANES) {
      const lanes dys = load(dy + c), xs = load(x + c);
      store(d_x + c, heads_product(s->w_in, C, c, dys));
      for (int k = 0; k < 4; k++) store(d_w + k * C + c, load(d_w + k * C + c) + dys * spread(xs, k));
    }
    for (int64_t h = vectors / 4; h < s->heads; h++) {
      const float *dyh = dy + h * 4, *wh = s->w + h * 16;
      for (int i = 0; i < 4; i++) {
        float sum = wh[i] * dyh[0];
        for (int o = 1; o < 4; o++) sum = __builtin_fmaf(wh[o * 4 + i], dyh[o], sum);
        d_x[h * 4 + i] = sum;
      }
      for (int64_t k = 0; k < 4; k++) {
        for (int64_t c = h * 4; c < h * 4 + 4; c++) d_w[k * C + c] += dy[c] * x[start[c] + k];
      }
    }
  }
}

// Heads of a multiple of 16 channels (the sLSTM's four heads of 16): 16 outputs of one head at a
// time as one vector, a sum of weight vectors each times one of the head's inputs, where the general
// loops below gather that input per channel. The same sums in the same order as those loops. For
// 32 896 rows of four heads of 16 on one thread, timed in a C loop (8 Dec 2026): forward 11.2 →
// 1.5 ms, backward 21.0 → 3.7 ms.

CLONED static void forward_rows_wide(const Headwise *s, int64_t from, int64_t to) {
  const int64_t Q = s->width, C = s->heads * Q;
  for (int64_t r = from; r < to; r++) {
    const float *x = s->x + r * C;
    float *y = s->y + r * C;
    for (int64_t c = 0; c < C; c += LANES) {
      const float *xh = x + c / Q * Q;
      lanes sum = load(s->w_out + c) * xh[0];
      for (int64_t i = 1; i < Q; i++) sum += load(s->w_out + i * C + c) * xh[i];
      store(y + c, sum);
    }
  }
}

CLONED static void backward_rows_wide(const Headwise *s, int64_t from, int64_t to, float *d_w) {
  const int64_t Q = s->width, C = s->heads * Q;
  for (int64_t r = from; r < to; r++) {
    const float *x = s->x + r * C, *dy = s->dy + r * C;
    float *d_x = s->d_x + r * C;
    for (int64_t c = 0; c < C; c += LANES) {
      const float *xh = x + c / Q * Q, *dyh = dy + c / Q * Q;
      lanes sum = load(s->w_in + c) * dyh[0];
      for (int64_t o = 1; o < Q; o++) sum += load(s->w_in + o * C + c) * dyh[o];
      store(d_x + c, sum);
      const lanes dys = load(dy + c);
      for (int64_t k = 0; k < Q; k++) store(d_w + k * C + c, load(d_w + k * C + c) + dys * xh[k]);
    }
  }
}

/** d_x[c] = Σ_o w_in[o, c]·dy[start(c) + o]; d_w[i, c] += dy[c]·x[start(c) + i], into the block's sum. */
CLONED static void backward_rows(const Headwise *s, int64_t from, int64_t to, float *d_w) {
  const int64_t Q = s->width, C = s->heads * Q;
  const int32_t *start = s->head_start;
  for (int64_t r = from; r < to; r++) {
    const float *x = s->x + r * C, *dy = s->dy + r * C;
    float *d_x = s->d_x + r * C;
    memset(d_x, 0, sizeof(float) * C);
    for (int64_t k = 0; k < Q; k++) {
      const float *w = s->w_in + k * C;
      float *d_wk = d_w + k * C;
#pragma omp simd
      for (int64_t c = 0; c < C; c++) {
        d_x[c] += w[c] * dy[start[c] + k];
        d_wk[c] += dy[c] * x[start[c] + k];
      }
    }
  }
}

/** Work on blocks [from, to) of ROW_BLOCK rows. */
static int headwise_blocks(void *context, int64_t from, int64_t to) {
  const Headwise *s = context;
  const int64_t size = s->heads * s->width * s->width;
  for (int64_t block = from; block < to; block++) {
    const int64_t first = block * ROW_BLOCK, last = first + ROW_BLOCK < s->rows ? first + ROW_BLOCK : s->rows;
    if (s->dy == NULL) {
      (s->width == 4 ? forward_rows_4 : s->width % LANES == 0 ? forward_rows_wide : forward_rows)(s, first, last);
    } else {
      float *d_w = s->d_w_blocks + block * size;
      memset(d_w, 0, sizeof(float) * size);
      (s->width == 4 ? backward_rows_4 : s->width % LANES == 0 ? backward_rows_wide : backward_rows)(s, first, last,
          d_w);
    }
  }
  return 0;
}

/** Fills the rearranged weights (2·Q·H·Q floats) and head starts (H·Q ints); 0 if out of memory. */
static int rearrange(Headwise *s, float **weights, int32_t **starts) {
  const int64_t H = s->heads, Q = s->width, C = H * Q;
  *weights = malloc(sizeof(float) * (size_t) (2 * Q * C));
  *starts = malloc(sizeof(int32_t) * (size_t) C);
  if (*weights == NULL || *starts == NULL) return 0;
  float *w_out = *weights, *w_in = *weights + Q * C;
  for (int64_t h = 0; h < H; h++) {
    for (int64_t o = 0; o < Q; o++) {
      for (int64_t i = 0; i < Q; i++) {
        const float w = s->w[(h * Q + o) * Q + i];
        w_out[i * C + h * Q + o] = w;
        w_in[o * C + h * Q + i] = w;
      }
      (*starts)[h * Q + o] = (int32_t) (h * Q);
    }
  }
  s->w_out = w_out;
  s->w_in = w_in;
  s->head_start = *starts;
  return 1;
}

static const char *const LAYOUT = "x [R, H·Q], w [H, Q, Q] (and dy [R, H·Q])";

/** Reads the inputs into `s` and checks their shapes; 0 (after failing ctx) if wrong. */
static int read_headwise(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, Headwise *s) {
  static const int ranks[] = {2, 3, 2};
  const char *op = count > 2 ? "RuleBenchHeadwiseLinearGrad" : "RuleBenchHeadwiseLinear";
  if (!read_inputs(ctx, status, in, count, ranks, op, LAYOUT)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->heads = TF_Dim(in[1], 0);
  s->width = TF_Dim(in[1], 2);
  int disagree = TF_Dim(in[1], 1) != s->width || TF_Dim(in[0], 1) != s->heads * s->width;
  if (count > 2) disagree |= TF_Dim(in[2], 0) != s->rows || TF_Dim(in[2], 1) != s->heads * s->width;
  if (disagree) {
    return fail_shapes(ctx, status, op, LAYOUT);
  }
  s->x = TF_TensorData(in[0]);
  s->w = TF_TensorData(in[1]);
  s->dy = count > 2 ? TF_TensorData(in[2]) : NULL;
  return 1;
}

static int64_t blocks(const Headwise *s) { return (s->rows + ROW_BLOCK - 1) / ROW_BLOCK; }

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[2] = {0}, *out[1] = {0};
  Headwise s = {0};
  float *weights = NULL;
  int32_t *starts = NULL;
  if (read_headwise(ctx, status, in, 2, &s)) {
    const int64_t dims[] = {s.rows, s.heads * s.width};
    if ((s.y = allocate_output(ctx, status, out, 0, dims, 2))) {
      if (rearrange(&s, &weights, &starts)) {
        parallel_rows(blocks(&s), ((Kernel *) kernel)->threads, headwise_blocks, &s);
      } else {
        fail(ctx, status, TF_INTERNAL, "RuleBenchHeadwiseLinear: out of memory for its weights");
      }
    }
  }
  free(weights);
  free(starts);
  delete_tensors(in, 2);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void compute_backward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[3] = {0}, *out[2] = {0};
  Headwise s = {0};
  float *block_d_w = NULL, *weights = NULL;
  int32_t *starts = NULL;
  if (read_headwise(ctx, status, in, 3, &s)) {
    const int64_t rows[] = {s.rows, s.heads * s.width}, filters[] = {s.heads, s.width, s.width};
    float *d_w = NULL;
    if ((s.d_x = allocate_output(ctx, status, out, 0, rows, 2))
        && (d_w = allocate_output(ctx, status, out, 1, filters, 3))) {
      const int64_t size = s.heads * s.width * s.width;
      block_d_w = malloc(sizeof(float) * (size_t) (blocks(&s) * size));
      s.d_w_blocks = block_d_w;
      if (block_d_w == NULL || !rearrange(&s, &weights, &starts)) {
        fail(ctx, status, TF_INTERNAL, "RuleBenchHeadwiseLinearGrad: out of memory for its scratch");
      } else {
        parallel_rows(blocks(&s), ((Kernel *) kernel)->threads, headwise_blocks, &s);
        // the blocks' sums, [Q, H·Q] with d_w[h, o, i] at [i, h·Q + o], added in block order
        const int64_t H = s.heads, Q = s.width, C = H * Q;
        memset(d_w, 0, sizeof(float) * (size_t) size);
        for (int64_t block = 0; block < blocks(&s); block++) {
          const float *sum = block_d_w + block * size;
          for (int64_t h = 0; h < H; h++) {
            for (int64_t o = 0; o < Q; o++) {
              for (int64_t i = 0; i < Q; i++) d_w[(h * Q + o) * Q + i] += sum[i * C + h * Q + o];
            }
          }
        }
      }
    }
  }
  free(block_d_w);
  free(weights);
  free(starts);
  delete_tensors(in, 3);
  delete_tensors(out, 2);
  TF_DeleteStatus(status);
}

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_headwise_linear(void) {
  static const char *const inputs[] = {"x: float", "w: float", "dy: float"};
  static const char *const gradients[] = {"d_x: float", "d_w: float"};
  register_op_and_gradient("RuleBenchHeadwiseLinear", inputs, 2, "y: float", shapes_like_inputs_1, compute_forward,
      gradients, compute_backward);
}
