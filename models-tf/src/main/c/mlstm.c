// The mLSTM's matrix memory over whole sequences (layers/MlstmCell, which states the equations) as
// two TensorFlow CPU kernels, in the recurrent form that decoding uses:
//
//   RuleBenchMlstm      (q, k, v, input_gate, forget_gate) → h
//   RuleBenchMlstmGrad  (q, k, v, input_gate, forget_gate, dh) → (dq, dk, dv, d_input_gate, d_forget_gate)
//
// q, k, v, h: [B, H, S, d]; the gates ĩ and f̃ (before the exponential and the sigmoid): [B, H, S].
// Per (row, head), with k̂ = k/√d and m_{−1} = −∞ (which makes it the parallel form's outputs):
//
//   m_t = max(log σ(f̃_t) + m_{t−1}, ĩ_t)    a_t = exp(log σ(f̃_t) + m_{t−1} − m_t)    b_t = exp(ĩ_t − m_t)
//   C_t = a_t C_{t−1} + b_t k̂_t v_tᵀ         n_t = a_t n_{t−1} + b_t k̂_t
//   h_t = C_tᵀ q_t / D_t,  D_t = max(|n_tᵀ q_t|, exp(−m_t)) + ε
//
// Why a kernel: as ops, the chunkwise form is about 4,500 small ops forward and backward for the
// xLSTM's five mLSTM blocks (most of its graph at `quick`, where per-op overhead is most of a step),
// and at the paper's 257 steps it streams its S × chunk weights and [d, d] chunk states through
// memory a dozen times. Here each head's d × d memory stays in a core's L1 for the whole sequence.
//
// The gradient. The stabilised state is C̃_t = exp(−m_t)·C_t for any sequence m, so the outputs
// depend on m only through ε: h_t = C_tᵀq_t / (max(|n_tᵀq_t|, 1) + ε·exp(m_t)). The backward pass
// therefore runs the adjoint recurrence with m held fixed, and adds ∂h_t/∂m_t = −ε·h_t/D_t routed
// through the max to ĩ or (with m_{t−1}) log σ(f̃) as TensorFlow's Maximum routes it (ties to the
// decayed term). It recomputes each head's forward states (C_t for every step: S·d² floats, 1 MB at
// the paper's 257 steps and d 32) and walks back over them.
//
// Determinism: each (row, head) is computed by one thread and nothing is summed across rows, so the
// bits do not depend on the thread count.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fast_math.h"
#include "kernel_support.h"

/** Stands for −∞ in the stabiliser, as MlstmCell.MINUS_INFINITY. */
#define MINUS_INFINITY (-1e30f)
/** The normaliser's ε, as MlstmCell.EPS. */
#define EPS 1e-6f

typedef struct {
  int64_t rows, heads, steps, width;  // B, H, S, d
  const float *q, *k, *v, *ig, *fg, *dh;
  float *h, *dq, *dk, *dv, *dig, *dfg;
} Mlstm;

/** The step scalars the backward pass keeps besides Cᵀ_t and n_t. */
enum { A, B, M, DENOMINATOR, NQ, SLOPE, DECAYED_WON, SCALARS };

/**
 * One step's gates and normaliser vector: m_t, a_t, b_t into `kept` (A, B, M, DECAYED_WON), b_t k̂_t
 * into `key`, n_t into `n_now` from `n_before`; returns n_tᵀq_t. Shared by the forward pass and the
 * backward pass's recomputation, so both see the same bits.
 */
static inline float gates_and_normaliser(const float *kt, const float *qt, float input_gate, float forget_gate,
    float m_before, int64_t d, float scale, float *key, const float *n_before, float *n_now, float *kept) {
  const float decayed = fast_log_sigmoid(forget_gate) + m_before;
  const float m = decayed >= input_gate ? decayed : input_gate;
  const float a = fast_exp(decayed - m), b = fast_exp(input_gate - m);
  kept[A] = a;
  kept[B] = b;
  kept[M] = m;
  kept[DECAYED_WON] = decayed >= input_gate ? 1.0f : 0.0f;
  float nq = 0.0f;
#pragma omp simd reduction(+ : nq)
  for (int64_t i = 0; i < d; i++) {
    key[i] = b * (kt[i] * scale);
    n_now[i] = a * n_before[i] + key[i];
    nq += n_now[i] * qt[i];
  }
  return nq;
}

/** D_t = max(|n_tᵀq_t|, exp(−m_t)) + ε. */
static inline float normaliser(float nq, float m) {
  const float bound = fast_exp(-m), magnitude = fabsf(nq);
  return (magnitude >= bound ? magnitude : bound) + EPS;
}

/**
 * The forward recurrence of one (row, head) at offset `rh` into h, its memory C row by row (row i
 * holds C[i, ·], so that C_t ← a C_{t−1} + k̂ vᵀ and the read-out Σ_i q_i C[i, ·] are both whole rows).
 *
 * @param c scratch, d·d floats
 * @param vectors scratch, 2d floats
 */
CLONED static void forward_head(const Mlstm *s, int64_t rh, float *c, float *vectors) {
  const int64_t S = s->steps, d = s->width;
  const float scale = (float) (1.0 / sqrt((double) d));
  const float *q = s->q + rh * S * d, *k = s->k + rh * S * d, *v = s->v + rh * S * d;
  const float *ig = s->ig + rh * S, *fg = s->fg + rh * S;
  float *n = vectors, *key = vectors + d, kept[SCALARS];
  float m_before = MINUS_INFINITY;
  memset(c, 0, sizeof(float) * (size_t) (d * d));
  memset(n, 0, sizeof(float) * (size_t) d);
  for (int64_t t = 0; t < S; t++) {
    const float *qt = q + t * d, *vt = v + t * d;
    const float nq = gates_and_normaliser(k + t * d, qt, ig[t], fg[t], m_before, d, scale, key, n, n, kept);
    const float a = kept[A];
    float *h = s->h + (rh * S + t) * d;
    memset(h, 0, sizeof(float) * (size_t) d);
    for (int64_t i = 0; i < d; i++) {
      const float ki = key[i], qi = qt[i];
      float *row = c + i * d;
#pragma omp simd
      for (int64_t j = 0; j < d; j++) {
        row[j] = a * row[j] + ki * vt[j];
        h[j] += qi * row[j];
      }
    }
    const float denominator = normaliser(nq, kept[M]);
#pragma omp simd
    for (int64_t j = 0; j < d; j++) h[j] /= denominator;
    m_before = kept[M];
  }
}

/**
 * The forward recurrence of one (row, head) again, keeping what the backward pass reads: Cᵀ_t for
 * every step ([S, d, d], row j holds C[·, j]), n_t ([S, d]) and the step scalars ([S, SCALARS]).
 * Transposed because the backward pass then works on whole rows of Cᵀ and of the adjoint dCᵀ, with
 * one horizontal sum per row (dv) where rows of C would need three (dq, dC v, ⟨dC, C_{t−1}⟩).
 */
CLONED static void keep_head(const Mlstm *s, int64_t rh, float *key, float *states, float *ns, float *scalars) {
  const int64_t S = s->steps, d = s->width;
  const float scale = (float) (1.0 / sqrt((double) d));
  const float *q = s->q + rh * S * d, *k = s->k + rh * S * d, *v = s->v + rh * S * d;
  const float *ig = s->ig + rh * S, *fg = s->fg + rh * S;
  float m_before = MINUS_INFINITY;
  for (int64_t t = 0; t < S; t++) {
    float *kept = scalars + t * SCALARS, *n_now = ns + t * d, *now = states + t * d * d;
    const float *n_before = t > 0 ? ns + (t - 1) * d : NULL, *vt = v + t * d;
    if (n_before == NULL) {  // n_{−1} = 0: read from n_now, zeroed first
      memset(n_now, 0, sizeof(float) * (size_t) d);
      n_before = n_now;
    }
    const float nq = gates_and_normaliser(k + t * d, q + t * d, ig[t], fg[t], m_before, d, scale, key, n_before,
        n_now, kept);
    const float a = kept[A];
    for (int64_t j = 0; j < d; j++) {
      const float vj = vt[j];
      float *row = now + j * d;
      if (t == 0) {
#pragma omp simd
        for (int64_t i = 0; i < d; i++) row[i] = key[i] * vj;
      } else {
        const float *before = states + (t - 1) * d * d + j * d;
#pragma omp simd
        for (int64_t i = 0; i < d; i++) row[i] = a * before[i] + key[i] * vj;
      }
    }
    kept[DENOMINATOR] = normaliser(nq, kept[M]);
    kept[NQ] = nq;
    kept[SLOPE] = fast_sigmoid(-fg[t]);  // d log σ(f̃)/df̃
    m_before = kept[M];
  }
}

/**
 * The adjoint recurrence of one (row, head) over its kept forward values, from the last step down,
 * with w = C dh: dh·h = qᵀw/D; dD = −(dh·h)/D; ds = dD·sign(nᵀq) where |nᵀq| is the max;
 * dq = w/D + ds·n; dn += ds·q; dC += q (dh/D)ᵀ; u = dC v + dn; dk = b·u/√d; dv = dCᵀ(b k̂);
 * dĩ = b·(u·k̂); d log σ(f̃) = a·(⟨dC, C_{t−1}⟩ + dn·n_{t−1}); then dC, dn ← a·dC, a·dn for the step
 * before, and the ε path through m (the file's comment).
 *
 * @param dc scratch, d·d floats: dCᵀ carried from the step after
 * @param vectors scratch, 5d floats
 */
CLONED static void backward_head(const Mlstm *s, int64_t rh, const float *states, const float *ns,
    const float *scalars, float *dc, float *vectors) {
  const int64_t S = s->steps, d = s->width;
  const float scale = (float) (1.0 / sqrt((double) d));
  const float *q = s->q + rh * S * d, *k = s->k + rh * S * d, *v = s->v + rh * S * d;
  float *dq = s->dq + rh * S * d, *dk = s->dk + rh * S * d, *dv = s->dv + rh * S * d;
  float *dig = s->dig + rh * S, *dfg = s->dfg + rh * S;
  float *dn = vectors, *u = dn + d, *key = u + d, *w = key + d, *lanes = w + d;
  float dm_carried = 0.0f;  // the adjoint of m_t from m_{t+1}
  memset(dc, 0, sizeof(float) * (size_t) (d * d));
  memset(dn, 0, sizeof(float) * (size_t) d);
  for (int64_t t = S - 1; t >= 0; t--) {
    const float *kept = scalars + t * SCALARS;
    const float a = kept[A], b = kept[B], denominator = kept[DENOMINATOR], nq = kept[NQ];
    const float *qt = q + t * d, *kt = k + t * d, *vt = v + t * d, *dht = s->dh + (rh * S + t) * d;
    const float *c_now = states + t * d * d, *c_before = t > 0 ? states + (t - 1) * d * d : NULL;
    const float *n_now = ns + t * d, *n_before = t > 0 ? ns + (t - 1) * d : NULL;
    float *dqt = dq + t * d, *dvt = dv + t * d, *dkt = dk + t * d;
    memset(w, 0, sizeof(float) * (size_t) d);
    for (int64_t j = 0; j < d; j++) {
      const float g = dht[j], *row = c_now + j * d;
#pragma omp simd
      for (int64_t i = 0; i < d; i++) w[i] += g * row[i];
    }
    float qw = 0.0f;
#pragma omp simd reduction(+ : qw)
    for (int64_t i = 0; i < d; i++) qw += qt[i] * w[i];
    const float hd = qw / denominator;  // dh·h
    const float d_denominator = -hd / denominator;
    const float ds = fabsf(nq) >= fast_exp(-kept[M])
        ? (nq > 0.0f ? d_denominator : nq < 0.0f ? -d_denominator : 0.0f) : 0.0f;
#pragma omp simd
    for (int64_t i = 0; i < d; i++) {
      dn[i] += ds * qt[i];
      key[i] = b * (kt[i] * scale);
      u[i] = dn[i];
      dqt[i] = w[i] / denominator + ds * n_now[i];
      lanes[i] = n_before != NULL ? dn[i] * n_before[i] : 0.0f;
    }
    for (int64_t j = 0; j < d; j++) {
      const float gj = dht[j] / denominator, vj = vt[j];
      float *row = dc + j * d, dvj = 0.0f;
      if (c_before != NULL) {
        const float *before = c_before + j * d;
#pragma omp simd reduction(+ : dvj)
        for (int64_t i = 0; i < d; i++) {
          row[i] += gj * qt[i];
          u[i] += vj * row[i];
          dvj += row[i] * key[i];
          lanes[i] += row[i] * before[i];
          row[i] *= a;
        }
      } else {
#pragma omp simd reduction(+ : dvj)
        for (int64_t i = 0; i < d; i++) {
          row[i] += gj * qt[i];
          u[i] += vj * row[i];
          dvj += row[i] * key[i];
        }
      }
      dvt[j] = dvj;
    }
    float d_b = 0.0f, d_decay = 0.0f;  // u·k̂ and ⟨dC, C_{t−1}⟩ + dn·n_{t−1}
#pragma omp simd reduction(+ : d_b, d_decay)
    for (int64_t i = 0; i < d; i++) {
      dkt[i] = (u[i] * b) * scale;
      d_b += u[i] * (kt[i] * scale);
      d_decay += lanes[i];
      dn[i] *= a;
    }
    // m: its own path into h (the ε term), and what m_{t+1} passed back through log σ(f̃_{t+1}) + m_t
    const float dm = -(EPS / denominator) * hd + dm_carried;
    float d_input = d_b * b, d_log_forget = c_before != NULL ? d_decay * a : 0.0f;
    if (kept[DECAYED_WON] != 0.0f) {
      d_log_forget += dm;
      dm_carried = dm;
    } else {
      d_input += dm;
      dm_carried = 0.0f;
    }
    dig[t] = d_input;
    dfg[t] = d_log_forget * kept[SLOPE];
  }
}

static int mlstm_rows(void *context, int64_t from, int64_t to) {
  const Mlstm *s = context;
  const int64_t S = s->steps, d = s->width;
  const int backward = s->dh != NULL;
  // C (or dCᵀ) and 5 vectors; backward: Cᵀ_t, n_t and the scalars of every step
  size_t size = (size_t) (d * d + 5 * d + (backward ? S * (d * d + d + SCALARS) : 0));
  float *scratch = malloc(sizeof(float) * size);
  if (scratch == NULL) return 1;
  float *c = scratch, *vectors = c + d * d, *states = vectors + 5 * d;
  float *ns = states + S * d * d, *scalars = ns + S * d;
  for (int64_t rh = from * s->heads; rh < to * s->heads; rh++) {
    if (backward) {
      keep_head(s, rh, vectors, states, ns, scalars);
      backward_head(s, rh, states, ns, scalars, c, vectors);
    } else {
      forward_head(s, rh, c, vectors);
    }
  }
  free(scratch);
  return 0;
}

static const char *const LAYOUT = "q, k, v [B, H, S, d], input_gate, forget_gate [B, H, S] (and dh [B, H, S, d])";

/** Reads the inputs into `s` and checks their shapes; 0 (after failing ctx) if wrong. */
static int read_mlstm(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, Mlstm *s) {
  static const int ranks[] = {4, 4, 4, 3, 3, 4};
  const char *op = count > 5 ? "RuleBenchMlstmGrad" : "RuleBenchMlstm";
  if (!read_inputs(ctx, status, in, count, ranks, op, LAYOUT)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->heads = TF_Dim(in[0], 1);
  s->steps = TF_Dim(in[0], 2);
  s->width = TF_Dim(in[0], 3);
  int disagree = 0;
  for (int i = 0; i < count; i++) {
    const int rank = ranks[i];
    for (int axis = 0; axis < rank; axis++) disagree |= TF_Dim(in[i], axis) != TF_Dim(in[0], axis);
  }
  if (disagree) return fail_shapes(ctx, status, op, LAYOUT);
  s->q = TF_TensorData(in[0]);
  s->k = TF_TensorData(in[1]);
  s->v = TF_TensorData(in[2]);
  s->ig = TF_TensorData(in[3]);
  s->fg = TF_TensorData(in[4]);
  s->dh = count > 5 ? TF_TensorData(in[5]) : NULL;
  return 1;
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[5] = {0}, *out[1] = {0};
  Mlstm s = {0};
  if (read_mlstm(ctx, status, in, 5, &s)) {
    const int64_t dims[] = {s.rows, s.heads, s.steps, s.width};
    if ((s.h = allocate_output(ctx, status, out, 0, dims, 4))
        && parallel_rows(s.rows, ((Kernel *) kernel)->threads, mlstm_rows, &s)) {
      fail(ctx, status, TF_INTERNAL, "RuleBenchMlstm: out of memory for a thread's scratch");
    }
  }
  delete_tensors(in, 5);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void compute_backward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[6] = {0}, *out[5] = {0};
  Mlstm s = {0};
  if (read_mlstm(ctx, status, in, 6, &s)) {
    const int64_t vectors[] = {s.rows, s.heads, s.steps, s.width}, gates[] = {s.rows, s.heads, s.steps};
    if ((s.dq = allocate_output(ctx, status, out, 0, vectors, 4))
        && (s.dk = allocate_output(ctx, status, out, 1, vectors, 4))
        && (s.dv = allocate_output(ctx, status, out, 2, vectors, 4))
        && (s.dig = allocate_output(ctx, status, out, 3, gates, 3))
        && (s.dfg = allocate_output(ctx, status, out, 4, gates, 3))
        && parallel_rows(s.rows, ((Kernel *) kernel)->threads, mlstm_rows, &s)) {
      fail(ctx, status, TF_INTERNAL, "RuleBenchMlstmGrad: out of memory for a thread's scratch");
    }
  }
  delete_tensors(in, 6);
  delete_tensors(out, 5);
  TF_DeleteStatus(status);
}

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_mlstm(void) {
  static const char *const inputs[] = {"q: float", "k: float", "v: float", "input_gate: float", "forget_gate: float",
      "dh: float"};
  static const char *const gradients[] = {"dq: float", "dk: float", "dv: float", "d_input_gate: float",
      "d_forget_gate: float"};
  register_op_and_gradient("RuleBenchMlstm", inputs, 5, "h: float", shapes_like_inputs_1, compute_forward, gradients,
      compute_backward);
}
