// Mamba's selective scan as TensorFlow CPU kernels (three ops), loaded by graph/NativeKernels with
// TensorFlow.loadLibrary. Same arithmetic and layout as layers/SelectiveScan's op graph:
//
//   h_t = exp(Δ_t[d]·A[d,n])·h_{t−1} + Δ_t[d]·x_t[d]·B_t[n],   y_t[d] = Σ_n C_t[n]·h_t[d,n]
//
//   RuleBenchSelectiveScan      (delta, x, b, c, a) → y
//   RuleBenchSelectiveScanGrad  (delta, x, b, c, a, dy) → (d_delta, d_x, d_b, d_c, d_a)
//   RuleBenchSelectiveScanStep  one step of every row, for decoding (end of the file)
//
// delta, x, y: [B, L, D] (batch-major, as the model's rows); b, c: [B, L, N]; a: [D, N].
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
// the gradient of A is summed over rows from per-row partial sums in row order. So results do not
// depend on the number of threads (the op's `threads` attribute).
//
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fast_math.h"
#include "kernel_support.h"

// ---------------------------------------------------------------------------------------------
// The scan

/**
 * Channels whose states and decays the backward pass recomputes together: all 64 of the paper's
 * Mamba, 2 MB of history per thread (L2 and L3; groups of 8 and 16 measured no faster).
 */
enum { GROUP = 64 };

/** One call's tensors and sizes. The gradient pointers are null in the forward pass. */
typedef struct {
  int64_t steps, rows, channels, states;  // L, B, D, N
  const float *delta, *x, *b, *c, *a, *dy;
  float *y, *d_delta, *d_x, *d_b, *d_c, *d_a_rows;  // d_a_rows: [B, N, D], summed over rows at the end
} Scan;

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
 * @param scratch 2·D·N floats: the state, and A transposed to [N, D]
 */
ROW_FUNCTION forward_row_n(const Scan *s, int64_t row, float *scratch, const int64_t N) {
  const int64_t D = s->channels;
  float *h = scratch, *a = scratch + D * N;
  memset(h, 0, sizeof(float) * D * N);
  for (int64_t d = 0; d < D; d++) {
    for (int64_t n = 0; n < N; n++) a[n * D + d] = s->a[d * N + n];
  }
  for (int64_t t = 0; t < s->steps; t++) {
    const float *delta = s->delta + at(s, t, row) * D, *x = s->x + at(s, t, row) * D;
    const float *b = s->b + at(s, t, row) * N, *c = s->c + at(s, t, row) * N;
    float *y = s->y + at(s, t, row) * D;
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
  }
}

/**
 * The adjoint recurrence for one batch row, a group of channels at a time (see SelectiveScan):
 * g_t = C_t·dy_t + a_{t+1}·g_{t+1}; dC_t += dy_t·h_t; dB_t += g_t·v_t; dv_t = Σ_n g_t·B_t;
 * dz_t = g_t·h_{t−1}·a_t, dΔ_t = Σ_n dz_t·A + dv_t·x_t, dA += dz_t·Δ_t; dx_t = dv_t·Δ_t.
 * State-major as the forward pass: the sums over n (dv, dΔ) stay in vectors over the channels.
 *
 * @param scratch backward_scratch(L, D, N) floats: A as [N, D], then the group's states h_0 … h_L
 *     and decays a_0 … a_{L−1}, 0 (each [L + 1, N, GROUP]), and its adjoint g ([N, GROUP])
 */
ROW_FUNCTION backward_row_n(const Scan *s, int64_t row, float *scratch, const int64_t N) {
  const int64_t L = s->steps, D = s->channels;
  float *a = scratch, *states = a + N * D, *decays = states + (L + 1) * N * GROUP;
  float *g = decays + (L + 1) * N * GROUP;
  for (int64_t d = 0; d < D; d++) {
    for (int64_t n = 0; n < N; n++) a[n * D + d] = s->a[d * N + n];
  }
  float *d_a = s->d_a_rows + row * N * D;  // [N, D]
  memset(d_a, 0, sizeof(float) * D * N);
  for (int64_t first = 0; first < D; first += GROUP) {
    const int64_t G = D - first < GROUP ? D - first : GROUP, width = N * G;
    // the group's states and decays, recomputed
    memset(states, 0, sizeof(float) * width);
    memset(decays + L * width, 0, sizeof(float) * width);
    for (int64_t t = 0; t < L; t++) {
      const float *delta = s->delta + at(s, t, row) * D + first, *x = s->x + at(s, t, row) * D + first;
      const float *b = s->b + at(s, t, row) * N;
      for (int64_t n = 0; n < N; n++) {
        const float bn = b[n], *an = a + n * D + first;
        const float *restrict before = states + t * width + n * G;
        float *restrict after = states + (t + 1) * width + n * G, *restrict decay = decays + t * width + n * G;
#pragma omp simd
        for (int64_t k = 0; k < G; k++) {
          decay[k] = fast_exp(delta[k] * an[k]);
          after[k] = decay[k] * before[k] + delta[k] * x[k] * bn;
        }
      }
    }
    memset(g, 0, sizeof(float) * width);
    for (int64_t t = L - 1; t >= 0; t--) {
      const int64_t i = at(s, t, row);
      const float *delta = s->delta + i * D + first, *x = s->x + i * D + first, *dy = s->dy + i * D + first;
      const float *b = s->b + i * N, *c = s->c + i * N;
      float *d_b = s->d_b + i * N, *d_c = s->d_c + i * N;
      float dv[GROUP], dz_a[GROUP];  // sums over n, per channel
      for (int64_t k = 0; k < G; k++) dv[k] = dz_a[k] = 0;
      for (int64_t n = 0; n < N; n++) {
        const float bn = b[n], cn = c[n], *an = a + n * D + first;
        const float *before = states + t * width + n * G, *after = states + (t + 1) * width + n * G;
        const float *decay = decays + t * width + n * G, *next_decay = decays + (t + 1) * width + n * G;
        float *gn = g + n * G, *d_an = d_a + n * D + first;
        float sum_c = 0, sum_b = 0;  // over the group's channels
#pragma omp simd reduction(+ : sum_c, sum_b)
        for (int64_t k = 0; k < G; k++) {
          const float adjoint = cn * dy[k] + next_decay[k] * gn[k];
          const float dz = adjoint * before[k] * decay[k];
          gn[k] = adjoint;
          dv[k] += adjoint * bn;
          dz_a[k] += dz * an[k];
          d_an[k] += dz * delta[k];
          sum_c += dy[k] * after[k];
          sum_b += adjoint * delta[k] * x[k];
        }
        d_c[n] = first == 0 ? sum_c : d_c[n] + sum_c;
        d_b[n] = first == 0 ? sum_b : d_b[n] + sum_b;
      }
      for (int64_t k = 0; k < G; k++) {
        s->d_x[i * D + first + k] = dv[k] * delta[k];
        s->d_delta[i * D + first + k] = dz_a[k] + dv[k] * x[k];
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

/** Scratch floats per thread: forward_row's two [N, D] arrays, or backward_row's four. */
static size_t scratch_size(const Scan *s) {
  const int64_t N = s->states, D = s->channels;
  return s->dy == NULL ? (size_t) (2 * D * N) : (size_t) (N * D + (2 * (s->steps + 1) + 1) * N * GROUP);
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

/** Reads the inputs into `s` and checks their shapes; 0 (after failing ctx) if wrong. */
static int read_scan(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, Scan *s) {
  static const int ranks[] = {3, 3, 3, 3, 2, 3};
  const char *op = count > 5 ? "RuleBenchSelectiveScanGrad" : "RuleBenchSelectiveScan";
  if (!read_inputs(ctx, status, in, count, ranks, op, LAYOUT)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->steps = TF_Dim(in[0], 1);
  s->channels = TF_Dim(in[0], 2);
  s->states = TF_Dim(in[4], 1);
  for (int i = 0; i < count; i++) {
    int model = i == 2 || i == 3 ? 0 : 1;  // b, c end in N; the others in D
    if (i == 4 ? TF_Dim(in[4], 0) != s->channels
               : TF_Dim(in[i], 0) != s->rows || TF_Dim(in[i], 1) != s->steps
                   || TF_Dim(in[i], 2) != (model ? s->channels : s->states)) {
      return fail_shapes(ctx, status, op, LAYOUT);
    }
  }
  s->delta = TF_TensorData(in[0]);
  s->x = TF_TensorData(in[1]);
  s->b = TF_TensorData(in[2]);
  s->c = TF_TensorData(in[3]);
  s->a = TF_TensorData(in[4]);
  s->dy = count > 5 ? TF_TensorData(in[5]) : NULL;
  return 1;
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[5] = {0}, *out[1] = {0};
  Scan s = {0};
  if (read_scan(ctx, status, in, 5, &s)) {
    const int64_t dims[] = {s.rows, s.steps, s.channels};
    s.y = allocate_output(ctx, status, out, 0, dims, 3);
    if (s.y != NULL && parallel_rows(s.rows, ((Kernel *) kernel)->threads, scan_rows, &s)) {
      fail(ctx, status, TF_INTERNAL, "RuleBenchSelectiveScan: out of memory for a thread's scratch");
    }
  }
  delete_tensors(in, 5);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void compute_backward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[6] = {0}, *out[5] = {0};
  Scan s = {0};
  float *rows_d_a = NULL;
  if (read_scan(ctx, status, in, 6, &s)) {
    const int64_t model[] = {s.rows, s.steps, s.channels}, state[] = {s.rows, s.steps, s.states};
    const int64_t decay[] = {s.channels, s.states};
    float *d_a = NULL;
    if ((s.d_delta = allocate_output(ctx, status, out, 0, model, 3)) && (s.d_x = allocate_output(ctx, status, out, 1, model, 3))
        && (s.d_b = allocate_output(ctx, status, out, 2, state, 3)) && (s.d_c = allocate_output(ctx, status, out, 3, state, 3))
        && (d_a = allocate_output(ctx, status, out, 4, decay, 2))) {
      rows_d_a = malloc(sizeof(float) * (size_t) (s.rows * s.channels * s.states));
      s.d_a_rows = rows_d_a;
      if (rows_d_a == NULL || parallel_rows(s.rows, ((Kernel *) kernel)->threads, scan_rows, &s)) {
        fail(ctx, status, TF_INTERNAL, "RuleBenchSelectiveScanGrad: out of memory for its scratch");
      } else {
        // dA summed over rows in row order, whatever the number of threads; the rows' sums are [N, D]
        const int64_t D = s.channels, N = s.states;
        memset(d_a, 0, sizeof(float) * (size_t) (D * N));
        for (int64_t row = 0; row < s.rows; row++) {
          for (int64_t d = 0; d < D; d++) {
            for (int64_t n = 0; n < N; n++) d_a[d * N + n] += rows_d_a[(row * N + n) * D + d];
          }
        }
      }
    }
  }
  free(rows_d_a);
  delete_tensors(in, 6);
  delete_tensors(out, 5);
  TF_DeleteStatus(status);
}

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
  register_op_and_gradient("RuleBenchSelectiveScan", inputs, 5, "y: float", shapes_like_inputs_1, compute_forward,
      gradients, compute_backward);
  TF_Status *status = TF_NewStatus();
  register_op("RuleBenchSelectiveScanStep", step_inputs, 6, step_outputs, 2, shapes_like_inputs_2, compute_step,
      status);
  TF_DeleteStatus(status);
}
