// The sLSTM's recurrence (layers/SlstmCell, which states the equations and the hand-written
// gradient this follows) as two TensorFlow CPU kernels:
//
//   RuleBenchSlstm      (gates, recurrent) → h
//   RuleBenchSlstmGrad  (gates, recurrent, dh) → (d_gates, d_recurrent)
//
// gates: W x_t + b, [B, L, 4W], in the order ĩ, f̃, z̃, õ; recurrent: R, [W, 4W]; h: [B, L, W].
//
// Why a kernel: the recurrence is truly sequential (h feeds the gates), so the op graph unrolls it,
// 11,756 small ops for the block with its hand-written backward pass at the paper's 257 steps, most of the xLSTM's graph, its
// build time and its step. Here batch rows run their steps in a loop, a few rows side by side (each
// row's gates a vector of 4W); the backward pass recomputes the rows' forward values (8W floats per
// step, 0.5 MB a row at W 64 and 257 steps) and then runs the adjoint recurrence over them.
//
// Determinism: as the scan, each row is computed by one thread, and d_recurrent is summed over rows
// from per-row partial sums in row order.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fast_math.h"
#include "kernel_support.h"
#include "lanes.h"

typedef struct {
  int64_t rows, steps, width;  // B, L, W
  const float *gates, *r, *dh;
  float *h, *d_gates, *d_r_rows;  // d_r_rows: [B, W, 4W], summed over rows at the end
} Slstm;

/**
 * Batch rows run step by step in groups of up to GROUP. (The groups were for sharing each row of R
 * read for a step's matrix-vector product among their rows; since add_product keeps its sums in
 * registers, each row reads R from L2 itself, which is faster.) The backward pass groups only as
 * many rows as keep their forward values within KEPT_BYTES, about half a core's L2: at the paper's
 * 257 steps one row keeps 0.5 MB, and four rows' 2 MB made the step slower, not faster. Each row's
 * sums run in the same order whatever the grouping, so the bits do not depend on it.
 */
enum { GROUP = 4, KEPT_BYTES = 256 * 1024 };

/** The width of a block of sums kept in registers: four vectors of LANES. */
enum { BLOCK = 4 * LANES };

/**
 * y[0, n) += Σ_j x_j · m[j, 0, n) over j = 0 … rows − 1 in order. Each block of BLOCK sums stays in
 * registers while the rows of m stream past, where a loop over j outside one over y read and wrote y
 * from memory for every term (two memory operations per multiply-add, which took most of the
 * kernel's time). Each y_k still adds its terms in the same order, so the bits are those of that loop.
 */
INLINE void add_product(float *y, const float *x, const float *m, int64_t rows, int64_t n) {
  int64_t k = 0;
  for (; k + BLOCK <= n; k += BLOCK) {
    lanes a0 = load(y + k), a1 = load(y + k + LANES), a2 = load(y + k + 2 * LANES), a3 = load(y + k + 3 * LANES);
    for (int64_t j = 0; j < rows; j++) {
      const float xj = x[j], *mj = m + j * n + k;
      a0 += xj * load(mj);
      a1 += xj * load(mj + LANES);
      a2 += xj * load(mj + 2 * LANES);
      a3 += xj * load(mj + 3 * LANES);
    }
    store(y + k, a0);
    store(y + k + LANES, a1);
    store(y + k + 2 * LANES, a2);
    store(y + k + 3 * LANES, a3);
  }
  for (; k < n; k++) {
    float a = y[k];
    for (int64_t j = 0; j < rows; j++) a += x[j] * m[j * n + k];
    y[k] = a;
  }
}

/** What one step keeps for the backward pass, each W floats (SlstmCell's Kept). */
enum { INPUT, FORGET, FORGET_SLOPE, CELL_INPUT, OUTPUT, CELL, NORMALISER, HIDDEN, KEPT };

/**
 * A row's dR = Σ_t h_{t−1}ᵀ dpre_t ([W, 4W]) from its kept values ([L, KEPT, W]) and its gate
 * gradients d_pres ([L, 4W]), each entry's terms from the last step down (the order of an update
 * per step, and so its bits). Four rows of dR by BLOCK columns are summed in registers while the
 * steps stream past: each step's dpre block is read once for four rows, where an update per step
 * read and wrote all of dR (64 KB at W 64) L times.
 */
INLINE void recurrent_gradient(float *d_r, const float *kept, const float *d_pres, int64_t L, int64_t W) {
  const int64_t n = 4 * W;
  int64_t j = 0;
  for (; j + 4 <= W; j += 4) {
    int64_t k = 0;
    for (; k + BLOCK <= n; k += BLOCK) {
      lanes a[4][4];
      for (int r = 0; r < 4; r++) {
        for (int i = 0; i < 4; i++) a[r][i] = (lanes) {0};
      }
      for (int64_t t = L - 1; t > 0; t--) {
        const float *h = kept + ((t - 1) * KEPT + HIDDEN) * W + j, *d = d_pres + t * n + k;
        const lanes d0 = load(d), d1 = load(d + LANES), d2 = load(d + 2 * LANES), d3 = load(d + 3 * LANES);
#pragma GCC unroll 4
        for (int r = 0; r < 4; r++) {
          a[r][0] += h[r] * d0;
          a[r][1] += h[r] * d1;
          a[r][2] += h[r] * d2;
          a[r][3] += h[r] * d3;
        }
      }
      for (int r = 0; r < 4; r++) {
        for (int i = 0; i < 4; i++) store(d_r + (j + r) * n + k + i * LANES, a[r][i]);
      }
    }
    for (; k < n; k++) {
      for (int64_t r = j; r < j + 4; r++) {
        float a = 0.0f;
        for (int64_t t = L - 1; t > 0; t--) a += kept[((t - 1) * KEPT + HIDDEN) * W + r] * d_pres[t * n + k];
        d_r[r * n + k] = a;
      }
    }
  }
  for (; j < W; j++) {
    for (int64_t k = 0; k < n; k++) {
      float a = 0.0f;
      for (int64_t t = L - 1; t > 0; t--) a += kept[((t - 1) * KEPT + HIDDEN) * W + j] * d_pres[t * n + k];
      d_r[j * n + k] = a;
    }
  }
}

/**
 * The forward pass of rows [first, first + count), count ≤ GROUP; with `kept`, each row's steps'
 * values for the backward pass ([count][L, KEPT, W]), else only h into s->h.
 *
 * @param pre scratch, count·4W floats: each row's gate pre-activations at the step
 * @param state scratch, count·3W floats: each row's c, n, m
 */
CLONED static void forward_rows(const Slstm *s, int64_t first, int64_t count, float *pre, float *state, float *kept) {
  const int64_t L = s->steps, W = s->width;
  for (int64_t t = 0; t < L; t++) {
    for (int64_t g = 0; g < count; g++) {
      memcpy(pre + g * 4 * W, s->gates + ((first + g) * L + t) * 4 * W, sizeof(float) * 4 * W);
    }
    if (t > 0) {  // pre += h_{t−1} R
      for (int64_t g = 0; g < count; g++) {
        const float *h = kept != NULL ? kept + (g * L + t - 1) * KEPT * W + HIDDEN * W
                                      : s->h + ((first + g) * L + t - 1) * W;
        add_product(pre + g * 4 * W, h, s->r, W, 4 * W);
      }
    }
    for (int64_t g = 0; g < count; g++) {
      const float *p = pre + g * 4 * W;
      float *c = state + g * 3 * W, *n = c + W, *m = c + 2 * W;
      float *keep = kept != NULL ? kept + (g * L + t) * KEPT * W : NULL;
      float *h = keep != NULL ? keep + HIDDEN * W : s->h + ((first + g) * L + t) * W;
      if (t == 0) {
        // m_0 = ĩ_0: the input gate is 1 and nothing is carried (n_0 = 1)
#pragma omp simd
        for (int64_t k = 0; k < W; k++) {
          const float z = fast_tanh(p[2 * W + k]), o = fast_sigmoid(p[3 * W + k]);
          m[k] = p[k];
          c[k] = z;
          n[k] = 1.0f;
          h[k] = o * z;
          if (keep != NULL) {
            keep[INPUT * W + k] = 1.0f;
            keep[FORGET * W + k] = 0.0f;
            keep[FORGET_SLOPE * W + k] = 0.0f;
            keep[CELL_INPUT * W + k] = z;
            keep[OUTPUT * W + k] = o;
            keep[CELL * W + k] = z;
            keep[NORMALISER * W + k] = 1.0f;
          }
        }
      } else {
#pragma omp simd
        for (int64_t k = 0; k < W; k++) {
          const float decayed = fast_log_sigmoid(p[W + k]) + m[k];
          const float m_now = p[k] > decayed ? p[k] : decayed;
          const float i = fast_exp(p[k] - m_now), f = fast_exp(decayed - m_now);
          const float z = fast_tanh(p[2 * W + k]), o = fast_sigmoid(p[3 * W + k]);
          m[k] = m_now;
          c[k] = f * c[k] + i * z;
          n[k] = f * n[k] + i;
          h[k] = o * (c[k] / n[k]);
          if (keep != NULL) {
            keep[INPUT * W + k] = i;
            keep[FORGET * W + k] = f;
            keep[FORGET_SLOPE * W + k] = fast_sigmoid(-p[W + k]);  // d log σ(f̃)/df̃
            keep[CELL_INPUT * W + k] = z;
            keep[OUTPUT * W + k] = o;
            keep[CELL * W + k] = c[k];
            keep[NORMALISER * W + k] = n[k];
          }
        }
      }
    }
  }
}

/**
 * The adjoint recurrence of rows [first, first + count) over their kept forward values
 * (SlstmCell.backward):
 * dh_t = dy_t + dpre_{t+1} Rᵀ; dc_t = dh_t o_t/n_t + dc_{t+1} f_{t+1}; dn_t = −dh_t h_t/n_t + dn_{t+1} f_{t+1};
 * dĩ = (dc_t z_t + dn_t) i_t; df̃ = (dc_t c_{t−1} + dn_t n_{t−1}) f_t σ(−f̃_t); dz̃ = dc_t i_t (1 − z_t²);
 * dõ = dh_t (c_t/n_t) o_t (1 − o_t); dR += h_{t−1}ᵀ dpre_t.
 *
 * @param r_t scratch, 4W·W floats: Rᵀ
 * @param carry scratch, count·4W floats: each row's dh, dc, dn and f_{t+1}
 */
CLONED static void backward_rows(const Slstm *s, int64_t first, int64_t count, const float *kept, const float *r_t,
    float *carry) {
  const int64_t L = s->steps, W = s->width;
  memset(carry, 0, sizeof(float) * (size_t) (count * 4 * W));
  for (int64_t t = L - 1; t >= 0; t--) {
    for (int64_t g = 0; g < count; g++) {
      memcpy(carry + g * 4 * W, s->dh + ((first + g) * L + t) * W, sizeof(float) * W);
    }
    if (t < L - 1) {  // dh += dpre_{t+1} Rᵀ
      for (int64_t g = 0; g < count; g++) {
        add_product(carry + g * 4 * W, s->d_gates + ((first + g) * L + t + 1) * 4 * W, r_t, 4 * W, W);
      }
    }
    for (int64_t g = 0; g < count; g++) {
      float *dh = carry + g * 4 * W, *dc = dh + W, *dn = dh + 2 * W, *f_next = dh + 3 * W;
      const float *row_kept = kept + g * L * KEPT * W;
      const float *keep = row_kept + t * KEPT * W;
      float *d_pre = s->d_gates + ((first + g) * L + t) * 4 * W;
      const float *c_before = t > 0 ? row_kept + ((t - 1) * KEPT + CELL) * W : NULL;
      const float *n_before = t > 0 ? row_kept + ((t - 1) * KEPT + NORMALISER) * W : NULL;
#pragma omp simd
      for (int64_t k = 0; k < W; k++) {
        const float i = keep[INPUT * W + k], f = keep[FORGET * W + k], z = keep[CELL_INPUT * W + k];
        const float o = keep[OUTPUT * W + k], c = keep[CELL * W + k], n = keep[NORMALISER * W + k];
        const float h = keep[HIDDEN * W + k];
        const float dc_now = dh[k] * (o / n) + dc[k] * f_next[k];
        const float dn_now = -dh[k] * (h / n) + dn[k] * f_next[k];
        const float c_prev = c_before != NULL ? c_before[k] : 0.0f, n_prev = n_before != NULL ? n_before[k] : 0.0f;
        d_pre[k] = (dc_now * z + dn_now) * i;
        d_pre[W + k] = (dc_now * c_prev + dn_now * n_prev) * (f * keep[FORGET_SLOPE * W + k]);
        d_pre[2 * W + k] = dc_now * (i * (1.0f - z * z));
        d_pre[3 * W + k] = dh[k] * ((c / n) * (o * (1.0f - o)));
        dc[k] = dc_now;
        dn[k] = dn_now;
        f_next[k] = f;
      }
    }
  }
  // dR += Σ_t h_{t−1}ᵀ dpre_t per row, once the rows' dpre are all written
  for (int64_t g = 0; g < count; g++) {
    const int64_t row = first + g;
    recurrent_gradient(s->d_r_rows + row * W * 4 * W, kept + g * L * KEPT * W, s->d_gates + row * L * 4 * W, L, W);
  }
}

static int slstm_rows(void *context, int64_t from, int64_t to) {
  const Slstm *s = context;
  const int64_t L = s->steps, W = s->width;
  const int backward = s->dh != NULL;
  int64_t group = GROUP;
  if (backward) {
    const int64_t per_row = (int64_t) sizeof(float) * L * KEPT * W;  // 0 for an empty batch
    const int64_t fit = per_row > 0 ? KEPT_BYTES / per_row : GROUP;
    group = fit < 1 ? 1 : fit < GROUP ? fit : GROUP;
  }
  // per row of a group: pre 4W, state 3W, and backward kept [L, KEPT, W] and carry 4W; Rᵀ [4W, W] once
  size_t size = (size_t) (GROUP * 7 * W + (backward ? GROUP * (L * KEPT * W + 4 * W) + 4 * W * W : 0));
  float *scratch = malloc(sizeof(float) * size);
  if (scratch == NULL) return 1;
  float *pre = scratch, *state = pre + GROUP * 4 * W, *kept = state + GROUP * 3 * W;
  float *carry = kept + GROUP * L * KEPT * W, *r_t = carry + GROUP * 4 * W;
  if (backward) {
    for (int64_t j = 0; j < W; j++) {
      for (int64_t col = 0; col < 4 * W; col++) r_t[col * W + j] = s->r[j * 4 * W + col];
    }
  }
  for (int64_t first = from; first < to; first += group) {
    const int64_t count = to - first < group ? to - first : group;
    forward_rows(s, first, count, pre, state, backward ? kept : NULL);
    if (backward) backward_rows(s, first, count, kept, r_t, carry);
  }
  free(scratch);
  return 0;
}

static const char *const LAYOUT = "gates [B, L, 4W], recurrent [W, 4W] (and dh [B, L, W])";

/** Reads the inputs into `s` and checks their shapes; 0 (after failing ctx) if wrong. */
static int read_slstm(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, Slstm *s) {
  static const int ranks[] = {3, 2, 3};
  const char *op = count > 2 ? "RuleBenchSlstmGrad" : "RuleBenchSlstm";
  if (!read_inputs(ctx, status, in, count, ranks, op, LAYOUT)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->steps = TF_Dim(in[0], 1);
  s->width = TF_Dim(in[1], 0);
  int disagree = TF_Dim(in[0], 2) != 4 * s->width || TF_Dim(in[1], 1) != 4 * s->width;
  if (count > 2) {
    disagree |= TF_Dim(in[2], 0) != s->rows || TF_Dim(in[2], 1) != s->steps || TF_Dim(in[2], 2) != s->width;
  }
  if (disagree) {
    return fail_shapes(ctx, status, op, LAYOUT);
  }
  s->gates = TF_TensorData(in[0]);
  s->r = TF_TensorData(in[1]);
  s->dh = count > 2 ? TF_TensorData(in[2]) : NULL;
  return 1;
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[2] = {0}, *out[1] = {0};
  Slstm s = {0};
  if (read_slstm(ctx, status, in, 2, &s)) {
    const int64_t dims[] = {s.rows, s.steps, s.width};
    if ((s.h = allocate_output(ctx, status, out, 0, dims, 3))
        && parallel_rows(s.rows, ((Kernel *) kernel)->threads, slstm_rows, &s)) {
      fail(ctx, status, TF_INTERNAL, "RuleBenchSlstm: out of memory for a thread's scratch");
    }
  }
  delete_tensors(in, 2);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void compute_backward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[3] = {0}, *out[2] = {0};
  Slstm s = {0};
  float *rows_d_r = NULL;
  if (read_slstm(ctx, status, in, 3, &s)) {
    const int64_t gates[] = {s.rows, s.steps, 4 * s.width}, recurrent[] = {s.width, 4 * s.width};
    float *d_r = NULL;
    if ((s.d_gates = allocate_output(ctx, status, out, 0, gates, 3))
        && (d_r = allocate_output(ctx, status, out, 1, recurrent, 2))) {
      const int64_t size = 4 * s.width * s.width;
      rows_d_r = malloc(sizeof(float) * (size_t) (s.rows * size));
      s.d_r_rows = rows_d_r;
      if (rows_d_r == NULL || parallel_rows(s.rows, ((Kernel *) kernel)->threads, slstm_rows, &s)) {
        fail(ctx, status, TF_INTERNAL, "RuleBenchSlstmGrad: out of memory for its scratch");
      } else {
        sum_in_order(d_r, rows_d_r, s.rows, size);
      }
    }
  }
  free(rows_d_r);
  delete_tensors(in, 3);
  delete_tensors(out, 2);
  TF_DeleteStatus(status);
}

/** h: [B, L] of the gates and W of the recurrent matrix. */
static void hidden_shape(TF_ShapeInferenceContext *ctx, TF_Status *status) {
  TF_ShapeHandle *gates = TF_NewShapeHandle(), *recurrent = TF_NewShapeHandle();
  TF_ShapeHandle *rows = TF_NewShapeHandle(), *width = TF_NewShapeHandle(), *h = TF_NewShapeHandle();
  TF_ShapeInferenceContextGetInput(ctx, 0, gates, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextGetInput(ctx, 1, recurrent, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSubshape(ctx, gates, 0, 2, rows, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSubshape(ctx, recurrent, 0, 1, width, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextConcatenateShapes(ctx, rows, width, h, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 0, h, status);
  TF_DeleteShapeHandle(gates);
  TF_DeleteShapeHandle(recurrent);
  TF_DeleteShapeHandle(rows);
  TF_DeleteShapeHandle(width);
  TF_DeleteShapeHandle(h);
}

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_slstm(void) {
  static const char *const inputs[] = {"gates: float", "recurrent: float", "dh: float"};
  static const char *const gradients[] = {"d_gates: float", "d_recurrent: float"};
  register_op_and_gradient("RuleBenchSlstm", inputs, 2, "h: float", hidden_shape, compute_forward, gradients,
      compute_backward);
}
