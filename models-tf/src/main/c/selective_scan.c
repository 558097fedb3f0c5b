// Mamba's selective scan as TensorFlow CPU kernels (five ops), loaded by graph/NativeKernels with
// TensorFlow.loadLibrary. Same arithmetic and layout as layers/SelectiveScan's op graph:
//
//   h_t = exp(Δ_t[d]·A[d,n])·h_{t−1} + Δ_t[d]·x_t[d]·B_t[n],   y_t[d] = Σ_n C_t[n]·h_t[d,n]
//
//   RuleBenchSelectiveScan      (delta, x, b, c, a) → y
//   RuleBenchSelectiveScanGrad  (delta, x, b, c, a, dy) → (d_delta, d_x, d_b, d_c, d_a)
//   RuleBenchGatedScan          (delta, x, b, c, a, dt_bias, skip, z) → (y + skip·x)·silu(z), the
//                               scan with Δ = softplus(delta + dt_bias): Mamba's mixer, as training runs it
//   RuleBenchGatedScanGrad      (…, dy) → (d_delta, d_x, d_b, d_c, d_a, d_dt_bias, d_skip, d_z)
//   RuleBenchSelectiveScanStep  one step of every row, for decoding (end of the file)
//
// delta, x, y, z: [B, L, D] (batch-major, as the model's rows); b, c: [B, L, N]; a: [D, N];
// dt_bias, skip: [D]. The plain scan is what the tests check in depth against the op graph; the
// gated one runs the same row functions with the gate's few lines switched on.
//
// Why a kernel: the op graph writes every state h (B·L·D·N floats, 135 MB per layer at the paper's
// batch) to memory and reads it back a dozen times. Here one batch row's states stay in the cache:
// the forward pass keeps only the [N, D] state of the current step, and the backward pass
// recomputes a group of channels' states and decays (64 channels: 8 KB per step) before running
// the adjoint recurrence over them, so nothing of size B·L·D·N is ever stored. Paper shapes, 2
// threads, ten layers: forward 70–110 ms, backward 350–450 ms, against about 3.9 s of op time for
// the op graph's scan.
//
// Determinism: batch rows are independent and each is computed by one thread, in a fixed order;
// the gradients of A, dt_bias and skip are summed over rows from per-row partial sums in row order.
// So results do not depend on the number of threads (the op's `threads` attribute).
//
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fast_math.h"
#include "kernel_support.h"
#include "lanes.h"

// ---------------------------------------------------------------------------------------------
// The scan

/**
 * Channels whose states and decays the backward pass recomputes together: all 64 of the paper's
 * Mamba, 2 MB of history per thread (L2 and L3; groups of 8 and 16 measured no faster).
 */
enum { GROUP = 64 };

/**
 * One call's tensors and sizes. The gradient pointers are null in the forward pass, the gate's in
 * the plain scan. In the gated scan `delta` holds the step sizes before their bias and softplus, `y`
 * the gated output and `dy` its gradient, and `d_delta` is the gradient of those raw step sizes.
 */
typedef struct {
  int64_t steps, rows, channels, states;  // L, B, D, N
  const float *delta, *x, *b, *c, *a, *dy;
  float *y, *d_delta, *d_x, *d_b, *d_c, *d_a_rows;  // d_a_rows: [B, N, D], summed over rows at the end
  const float *dt_bias, *skip, *z;                  // the gate's inputs: [D], [D], [B, L, D]
  float *d_z, *d_dt_bias_rows, *d_skip_rows;        // d_z [B, L, D]; the rows' sums [B, D]
} Scan;

/** softplus v = ln(1 + e^v) (its derivative is σ(v)), without overflow at either end. */
INLINE float softplus(float v) {
  const float e = fast_exp(-__builtin_fabsf(v)), w = 1.0f + e;
  // ln(1 + e) to full precision where e is small: ln w · e / (w − 1)
  const float log1p_e = w == 1.0f ? e : fast_log(w) * e / (w - 1.0f);
  return (v > 0.0f ? v : 0.0f) + log1p_e;
}

/** Row and step to the index of their [B, L] position. */
static inline int64_t at(const Scan *s, int64_t t, int64_t row) { return row * s->steps + t; }

// The row functions take N as an argument and are always inlined: called with the constant 16 (the
// paper's d_state), their loops over n have a fixed trip count.
#define ROW_FUNCTION static inline __attribute__((always_inline)) void

/**
 * The forward pass for one batch row. The state is kept state-major, [N, D], so that every loop runs
 * along the channels: the output's sum over n then needs no horizontal additions (laid out [D, N] it
 * took one per channel and step, and 40 % longer).
 *
 * @param scratch 2·D·N floats: the state, and A transposed to [N, D]; the gated scan 2·D more: the
 *     step's step sizes and its output before the gate
 */
ROW_FUNCTION forward_row_n(const Scan *s, int64_t row, float *scratch, const int64_t N) {
  const int64_t D = s->channels;
  float *h = scratch, *a = scratch + D * N, *gated_delta = a + D * N, *scanned = gated_delta + D;
  memset(h, 0, sizeof(float) * D * N);
  for (int64_t d = 0; d < D; d++) {
    for (int64_t n = 0; n < N; n++) a[n * D + d] = s->a[d * N + n];
  }
  for (int64_t t = 0; t < s->steps; t++) {
    const int64_t i = at(s, t, row);
    const float *delta = s->delta + i * D, *x = s->x + i * D;
    const float *b = s->b + i * N, *c = s->c + i * N;
    float *y = s->z == NULL ? s->y + i * D : scanned;
    if (s->z != NULL) {
#pragma omp simd
      for (int64_t d = 0; d < D; d++) gated_delta[d] = softplus(delta[d] + s->dt_bias[d]);
      delta = gated_delta;
    }
    memset(y, 0, sizeof(float) * D);
    for (int64_t n = 0; n < N; n++) {
      const float bn = b[n], cn = c[n], *an = a + n * D;
      float *hn = h + n * D;
#pragma omp simd
      for (int64_t d = 0; d < D; d++) {
        hn[d] = fast_exp(delta[d] * an[d]) * hn[d] + delta[d] * x[d] * bn;
        y[d] += cn * hn[d];
      }
    }
    if (s->z != NULL) {
      const float *z = s->z + i * D;
      float *out = s->y + i * D;
#pragma omp simd
      for (int64_t d = 0; d < D; d++) out[d] = (y[d] + s->skip[d] * x[d]) * z[d] * fast_sigmoid(z[d]);
    }
  }
}

/**
 * The adjoint recurrence for one batch row, a group of channels at a time (see SelectiveScan):
 * g_t = C_t·dy_t + a_{t+1}·g_{t+1}; dC_t += dy_t·h_t; dB_t += g_t·v_t; dv_t = Σ_n g_t·B_t;
 * dz_t = g_t·h_{t−1}·a_t, dΔ_t = Σ_n dz_t·A + dv_t·x_t, dA += dz_t·Δ_t; dx_t = dv_t·Δ_t.
 * State-major as the forward pass: the sums over n (dv, dΔ) stay in vectors over the channels.
 * The gated scan first recomputes the group's step sizes, and its output before the gate (y_t =
 * Σ_n C_t·h_t) for the gate's gradients, and runs the recurrence on dy·silu(z).
 *
 * @param scratch scratch_size() floats: A as [N, D], then the group's states h_0 … h_L
 *     and decays a_0 … a_{L−1}, 0 (each [L + 1, N, GROUP]), its adjoint g ([N, GROUP]), and its
 *     step sizes and output gradients ([L, GROUP] each)
 */
ROW_FUNCTION backward_row_n(const Scan *s, int64_t row, float *scratch, const int64_t N) {
  const int64_t L = s->steps, D = s->channels;
  float *a = scratch, *states = a + N * D, *decays = states + (L + 1) * N * GROUP;
  float *g = decays + (L + 1) * N * GROUP, *deltas = g + N * GROUP, *dys = deltas + L * GROUP;
  for (int64_t d = 0; d < D; d++) {
    for (int64_t n = 0; n < N; n++) a[n * D + d] = s->a[d * N + n];
  }
  float *d_a = s->d_a_rows + row * N * D;  // [N, D]
  memset(d_a, 0, sizeof(float) * D * N);
  if (s->z != NULL) {
    memset(s->d_dt_bias_rows + row * D, 0, sizeof(float) * D);
    memset(s->d_skip_rows + row * D, 0, sizeof(float) * D);
  }
  for (int64_t first = 0; first < D; first += GROUP) {
    const int64_t G = D - first < GROUP ? D - first : GROUP, width = N * G;
    // the group's step sizes, states and decays, recomputed; the gated scan's gate gradients
    memset(states, 0, sizeof(float) * width);
    memset(decays + L * width, 0, sizeof(float) * width);
    for (int64_t t = 0; t < L; t++) {
      const int64_t i = at(s, t, row);
      const float *raw = s->delta + i * D + first, *x = s->x + i * D + first;
      const float *b = s->b + i * N, *c = s->c + i * N;
      float *delta = deltas + t * G, y[GROUP];
      if (s->z == NULL) {
        memcpy(delta, raw, sizeof(float) * G);
      } else {
#pragma omp simd
        for (int64_t k = 0; k < G; k++) delta[k] = softplus(raw[k] + s->dt_bias[first + k]);
      }
      memset(y, 0, sizeof y);
      for (int64_t n = 0; n < N; n++) {
        const float bn = b[n], cn = c[n], *an = a + n * D + first;
        const float *restrict before = states + t * width + n * G;
        float *restrict after = states + (t + 1) * width + n * G, *restrict decay = decays + t * width + n * G;
#pragma omp simd
        for (int64_t k = 0; k < G; k++) {
          decay[k] = fast_exp(delta[k] * an[k]);
          after[k] = decay[k] * before[k] + delta[k] * x[k] * bn;
          y[k] += cn * after[k];
        }
      }
      if (s->z != NULL) {
        const float *z = s->z + i * D + first, *d_out = s->dy + i * D + first;
        const float *skip = s->skip + first;
        float *d_z = s->d_z + i * D + first, *d_skip = s->d_skip_rows + row * D + first;
#pragma omp simd
        for (int64_t k = 0; k < G; k++) {
          const float sigmoid = fast_sigmoid(z[k]);
          dys[t * G + k] = d_out[k] * z[k] * sigmoid;
          d_z[k] = d_out[k] * (y[k] + skip[k] * x[k]) * silu_slope(z[k], sigmoid);
          d_skip[k] += dys[t * G + k] * x[k];
        }
      }
    }
    memset(g, 0, sizeof(float) * width);
    for (int64_t t = L - 1; t >= 0; t--) {
      const int64_t i = at(s, t, row);
      const float *delta = deltas + t * G, *x = s->x + i * D + first;
      const float *dy = s->z == NULL ? s->dy + i * D + first : dys + t * G;
      const float *b = s->b + i * N, *c = s->c + i * N;
      float *d_b = s->d_b + i * N, *d_c = s->d_c + i * N;
      float dv[GROUP], dz_a[GROUP];  // sums over n, per channel
      for (int64_t k = 0; k < G; k++) dv[k] = dz_a[k] = 0;
      for (int64_t n = 0; n < N; n++) {
        const float bn = b[n], cn = c[n], *an = a + n * D + first;
        const float *before = states + t * width + n * G, *after = states + (t + 1) * width + n * G;
        const float *decay = decays + t * width + n * G, *next_decay = decays + (t + 1) * width + n * G;
        float *gn = g + n * G, *d_an = d_a + n * D + first;
        lanes sum_c = {0}, sum_b = {0};  // over the group's channels, lane by lane
        int64_t k = 0;
        for (; k + LANES <= G; k += LANES) {
          const lanes dy_k = load(dy + k), delta_k = load(delta + k);
          const lanes adjoint = cn * dy_k + load(next_decay + k) * load(gn + k);
          const lanes dz = adjoint * load(before + k) * load(decay + k);
          store(gn + k, adjoint);
          store(dv + k, load(dv + k) + adjoint * bn);
          store(dz_a + k, load(dz_a + k) + dz * load(an + k));
          store(d_an + k, load(d_an + k) + dz * delta_k);
          sum_c += dy_k * load(after + k);
          sum_b += adjoint * delta_k * load(x + k);
        }
        for (; k < G; k++) {  // channels past the last whole vector, into the lanes they would fill
          const float adjoint = cn * dy[k] + next_decay[k] * gn[k];
          const float dz = adjoint * before[k] * decay[k];
          gn[k] = adjoint;
          dv[k] += adjoint * bn;
          dz_a[k] += dz * an[k];
          d_an[k] += dz * delta[k];
          sum_c[k % LANES] += dy[k] * after[k];
          sum_b[k % LANES] += adjoint * delta[k] * x[k];
        }
        d_c[n] = first == 0 ? total(sum_c) : d_c[n] + total(sum_c);
        d_b[n] = first == 0 ? total(sum_b) : d_b[n] + total(sum_b);
      }
      if (s->z == NULL) {
        for (int64_t k = 0; k < G; k++) {
          s->d_x[i * D + first + k] = dv[k] * delta[k];
          s->d_delta[i * D + first + k] = dz_a[k] + dv[k] * x[k];
        }
      } else {
        const float *raw = s->delta + i * D + first, *skip = s->skip + first;
        float *d_dt_bias = s->d_dt_bias_rows + row * D + first;
#pragma omp simd
        for (int64_t k = 0; k < G; k++) {
          const float d_raw = (dz_a[k] + dv[k] * x[k]) * fast_sigmoid(raw[k] + s->dt_bias[first + k]);
          s->d_x[i * D + first + k] = dv[k] * delta[k] + dy[k] * skip[k];
          s->d_delta[i * D + first + k] = d_raw;
          d_dt_bias[k] += d_raw;
        }
      }
    }
  }
}

CLONED static void forward_row(const Scan *s, int64_t row, float *h) {
  if (s->states == 16) {
    forward_row_n(s, row, h, 16);
  } else {
    forward_row_n(s, row, h, s->states);
  }
}

CLONED static void backward_row(const Scan *s, int64_t row, float *scratch) {
  if (s->states == 16) {
    backward_row_n(s, row, scratch, 16);
  } else {
    backward_row_n(s, row, scratch, s->states);
  }
}

/** Scratch floats per thread: forward_row's, or backward_row's (see each). */
static size_t scratch_size(const Scan *s) {
  const int64_t N = s->states, D = s->channels;
  return s->dy == NULL ? (size_t) (2 * D * N + 2 * D)
                       : (size_t) (N * D + (2 * (s->steps + 1) + 1) * N * GROUP + 2 * s->steps * GROUP);
}

static int scan_rows(void *context, int64_t from, int64_t to) {
  const Scan *s = context;
  float *scratch = malloc(sizeof(float) * scratch_size(s));
  if (scratch == NULL) return 1;
  for (int64_t row = from; row < to; row++) {
    if (s->dy == NULL) {
      forward_row(s, row, scratch);
    } else {
      backward_row(s, row, scratch);
    }
  }
  free(scratch);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// TensorFlow glue

static const char *const LAYOUT = "delta, x [B, L, D], b, c [B, L, N], a [D, N] (and dy [B, L, D])";
static const char *const GATED_LAYOUT =
    "delta, x [B, L, D], b, c [B, L, N], a [D, N], dt_bias, skip [D], z [B, L, D] (and dy [B, L, D])";

/**
 * Reads the inputs into `s` and checks their shapes; 0 (after failing ctx) if wrong. The plain scan
 * has 5 inputs (6 with dy), the gated one 8 (9).
 */
static int read_scan(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, int gated, Scan *s) {
  static const int plain_ranks[] = {3, 3, 3, 3, 2, 3}, gated_ranks[] = {3, 3, 3, 3, 2, 1, 1, 3, 3};
  const int gradient = count > (gated ? 8 : 5);
  const char *op = gated ? (gradient ? "RuleBenchGatedScanGrad" : "RuleBenchGatedScan")
                         : (gradient ? "RuleBenchSelectiveScanGrad" : "RuleBenchSelectiveScan");
  const char *layout = gated ? GATED_LAYOUT : LAYOUT;
  if (!read_inputs(ctx, status, in, count, gated ? gated_ranks : plain_ranks, op, layout)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->steps = TF_Dim(in[0], 1);
  s->channels = TF_Dim(in[0], 2);
  s->states = TF_Dim(in[4], 1);
  for (int i = 0; i < count; i++) {
    int disagree;
    if (i == 4) {
      disagree = TF_Dim(in[4], 0) != s->channels;
    } else if (gated && (i == 5 || i == 6)) {
      disagree = TF_Dim(in[i], 0) != s->channels;
    } else {
      int64_t last = i == 2 || i == 3 ? s->states : s->channels;  // b, c end in N; the others in D
      disagree = TF_Dim(in[i], 0) != s->rows || TF_Dim(in[i], 1) != s->steps || TF_Dim(in[i], 2) != last;
    }
    if (disagree) return fail_shapes(ctx, status, op, layout);
  }
  s->delta = TF_TensorData(in[0]);
  s->x = TF_TensorData(in[1]);
  s->b = TF_TensorData(in[2]);
  s->c = TF_TensorData(in[3]);
  s->a = TF_TensorData(in[4]);
  if (gated) {
    s->dt_bias = TF_TensorData(in[5]);
    s->skip = TF_TensorData(in[6]);
    s->z = TF_TensorData(in[7]);
  }
  s->dy = gradient ? TF_TensorData(in[count - 1]) : NULL;
  return 1;
}

static void forward(void *kernel, TF_OpKernelContext *ctx, int gated) {
  enum { MOST = 8 };
  const int count = gated ? 8 : 5;
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[MOST] = {0}, *out[1] = {0};
  Scan s = {0};
  if (read_scan(ctx, status, in, count, gated, &s)) {
    const int64_t dims[] = {s.rows, s.steps, s.channels};
    s.y = allocate_output(ctx, status, out, 0, dims, 3);
    if (s.y != NULL && parallel_rows(s.rows, ((Kernel *) kernel)->threads, scan_rows, &s)) {
      fail(ctx, status, TF_INTERNAL, "RuleBench's scan: out of memory for a thread's scratch");
    }
  }
  delete_tensors(in, count);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void backward(void *kernel, TF_OpKernelContext *ctx, int gated) {
  enum { MOST = 9 };
  const int count = gated ? 9 : 6, outputs = count - 1;
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[MOST] = {0}, *out[MOST] = {0};
  Scan s = {0};
  float *row_sums = NULL;
  if (read_scan(ctx, status, in, count, gated, &s)) {
    const int64_t B = s.rows, D = s.channels, N = s.states;
    const int64_t model[] = {B, s.steps, D}, state[] = {B, s.steps, N}, decay[] = {D, N}, channels[] = {D};
    float *d_a = NULL, *d_dt_bias = NULL, *d_skip = NULL;
    int allocated = (s.d_delta = allocate_output(ctx, status, out, 0, model, 3))
        && (s.d_x = allocate_output(ctx, status, out, 1, model, 3))
        && (s.d_b = allocate_output(ctx, status, out, 2, state, 3))
        && (s.d_c = allocate_output(ctx, status, out, 3, state, 3))
        && (d_a = allocate_output(ctx, status, out, 4, decay, 2));
    if (allocated && gated) {
      allocated = (d_dt_bias = allocate_output(ctx, status, out, 5, channels, 1))
          && (d_skip = allocate_output(ctx, status, out, 6, channels, 1))
          && (s.d_z = allocate_output(ctx, status, out, 7, model, 3));
    }
    if (allocated) {
      // each row's sums of dA ([N, D]), and of the gate's dt_bias and skip ([D] each)
      row_sums = malloc(sizeof(float) * (size_t) (B * D * (N + (gated ? 2 : 0))));
      s.d_a_rows = row_sums;
      if (gated && row_sums != NULL) {
        s.d_dt_bias_rows = row_sums + B * D * N;
        s.d_skip_rows = s.d_dt_bias_rows + B * D;
      }
      if (row_sums == NULL || parallel_rows(B, ((Kernel *) kernel)->threads, scan_rows, &s)) {
        fail(ctx, status, TF_INTERNAL, "RuleBench's scan gradient: out of memory for its scratch");
      } else {
        // summed over rows in row order, whatever the number of threads; dA's rows are [N, D]
        memset(d_a, 0, sizeof(float) * (size_t) (D * N));
        for (int64_t row = 0; row < B; row++) {
          for (int64_t d = 0; d < D; d++) {
            for (int64_t n = 0; n < N; n++) d_a[d * N + n] += s.d_a_rows[(row * N + n) * D + d];
          }
        }
        if (gated) {
          sum_in_order(d_dt_bias, s.d_dt_bias_rows, B, D);
          sum_in_order(d_skip, s.d_skip_rows, B, D);
        }
      }
    }
  }
  free(row_sums);
  delete_tensors(in, count);
  delete_tensors(out, outputs);
  TF_DeleteStatus(status);
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) { forward(kernel, ctx, 0); }
static void compute_backward(void *kernel, TF_OpKernelContext *ctx) { backward(kernel, ctx, 0); }
static void compute_gated_forward(void *kernel, TF_OpKernelContext *ctx) { forward(kernel, ctx, 1); }
static void compute_gated_backward(void *kernel, TF_OpKernelContext *ctx) { backward(kernel, ctx, 1); }

// ---------------------------------------------------------------------------------------------
// One decoding step: RuleBenchSelectiveScanStep (state [R, D, N], delta, x [R, D], b, c [R, N], a [D, N])
// → (state', y [R, D]), the arithmetic of one step of the sequence, in one op instead of ten.

typedef struct {
  int64_t rows, channels, states;  // R, D, N
  const float *state, *delta, *x, *b, *c, *a;
  float *next, *y;
} Step;

CLONED static int step_rows(void *context, int64_t from, int64_t to) {
  const Step *s = context;
  const int64_t D = s->channels, N = s->states;
  for (int64_t r = from; r < to; r++) {
    const float *b = s->b + r * N, *c = s->c + r * N;
    for (int64_t d = 0; d < D; d++) {
      const float dt = s->delta[r * D + d], v = dt * s->x[r * D + d], *a = s->a + d * N;
      const float *h = s->state + (r * D + d) * N;
      float *next = s->next + (r * D + d) * N, acc = 0;
#pragma omp simd reduction(+ : acc)
      for (int64_t n = 0; n < N; n++) {
        next[n] = fast_exp(dt * a[n]) * h[n] + v * b[n];
        acc += c[n] * next[n];
      }
      s->y[r * D + d] = acc;
    }
  }
  return 0;
}

static const char *const STEP_LAYOUT = "state [R, D, N], delta, x [R, D], b, c [R, N], a [D, N]";

static void compute_step(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[6] = {0}, *out[2] = {0};
  static const int ranks[] = {3, 2, 2, 2, 2, 2};
  Step s = {0};
  if (read_inputs(ctx, status, in, 6, ranks, "RuleBenchSelectiveScanStep", STEP_LAYOUT)) {
    s.rows = TF_Dim(in[0], 0);
    s.channels = TF_Dim(in[0], 1);
    s.states = TF_Dim(in[0], 2);
    int disagree = TF_Dim(in[5], 0) != s.channels || TF_Dim(in[5], 1) != s.states;
    for (int i = 1; i < 5; i++) {
      disagree |= TF_Dim(in[i], 0) != s.rows || TF_Dim(in[i], 1) != (i < 3 ? s.channels : s.states);
    }
    if (disagree) {
      fail_shapes(ctx, status, "RuleBenchSelectiveScanStep", STEP_LAYOUT);
    } else {
      s.state = TF_TensorData(in[0]);
      s.delta = TF_TensorData(in[1]);
      s.x = TF_TensorData(in[2]);
      s.b = TF_TensorData(in[3]);
      s.c = TF_TensorData(in[4]);
      s.a = TF_TensorData(in[5]);
      const int64_t state[] = {s.rows, s.channels, s.states}, model[] = {s.rows, s.channels};
      if ((s.next = allocate_output(ctx, status, out, 0, state, 3))
          && (s.y = allocate_output(ctx, status, out, 1, model, 2))) {
        parallel_rows(s.rows, ((Kernel *) kernel)->threads, step_rows, &s);
      }
    }
  }
  delete_tensors(in, 6);
  delete_tensors(out, 2);
  TF_DeleteStatus(status);
}

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_scan(void) {
  static const char *const inputs[] = {"delta: float", "x: float", "b: float", "c: float", "a: float", "dy: float"};
  static const char *const gradients[] = {"d_delta: float", "d_x: float", "d_b: float", "d_c: float", "d_a: float"};
  static const char *const step_inputs[] = {"state: float", "delta: float", "x: float", "b: float", "c: float",
      "a: float"};
  static const char *const step_outputs[] = {"next: float", "y: float"};
  static const char *const gated_inputs[] = {"delta: float", "x: float", "b: float", "c: float", "a: float",
      "dt_bias: float", "skip: float", "z: float", "dy: float"};
  static const char *const gated_gradients[] = {"d_delta: float", "d_x: float", "d_b: float", "d_c: float",
      "d_a: float", "d_dt_bias: float", "d_skip: float", "d_z: float"};
  register_op_and_gradient("RuleBenchSelectiveScan", inputs, 5, "y: float", shapes_like_inputs_1, compute_forward,
      gradients, compute_backward);
  register_op_and_gradient("RuleBenchGatedScan", gated_inputs, 8, "y: float", shapes_like_inputs_1,
      compute_gated_forward, gated_gradients, compute_gated_backward);
  TF_Status *status = TF_NewStatus();
  register_op("RuleBenchSelectiveScanStep", step_inputs, 6, step_outputs, 2, shapes_like_inputs_2, compute_step,
      status);
  TF_DeleteStatus(status);
}
