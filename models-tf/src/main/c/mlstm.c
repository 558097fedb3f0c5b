// The mLSTM's matrix memory over whole sequences (layers/MlstmCell, which states the equations) as
// two TensorFlow CPU kernels, in the recurrent form that decoding uses:
//
//   RuleBenchMlstm      (q, k, v, input_gate, forget_gate) → h
//   RuleBenchMlstmGrad  (q, k, v, input_gate, forget_gate, dh) → (dq, dk, dv, d_input_gate, d_forget_gate)
//
// q, k, v, h: [B, S, H, d]; the gates ĩ and f̃ (before the exponential and the sigmoid): [B, S, H].
// (Positions before heads, as the block's projections give them: no transposes either way.)
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
// decayed term). It recomputes each head's forward states (C_t for every step, transposed: S·d²
// floats, 1 MB at the paper's 257 steps and d 32) and walks back over them.
//
// Loops run over a head's width in blocks of 16 floats (`lanes`) with their running sums in
// registers; a width that is not a multiple of 16 is padded with zeros, which change no sum.
//
// Determinism: each (row, head) is computed by one thread and nothing is summed across rows, so the
// bits do not depend on the thread count.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fast_math.h"
#include "kernel_support.h"
#include "lanes.h"

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
 * A batch row's heads ([S, H, d] at `from`) as H sequences [S, p] at `to`, one after another, with
 * zeros after d: the loops work on p, d rounded up to LANES. Zero keys, values and queries add
 * nothing to any memory, normaliser or read-out, so a padded head computes the same numbers. The
 * row is read in order, all heads at once: read head by head, 128 bytes of every 512, it came back
 * from memory once per head, as each head's kept states (1 MB) push the row out of the cache.
 */
static void pad_heads(const float *from, int64_t steps, int64_t heads, int64_t d, int64_t p, float *to) {
  for (int64_t t = 0; t < steps; t++) {
    for (int64_t h = 0; h < heads; h++) {
      float *step = to + (h * steps + t) * p;
      memcpy(step, from + (t * heads + h) * d, sizeof(float) * (size_t) d);
      memset(step + d, 0, sizeof(float) * (size_t) (p - d));
    }
  }
}

/** The reverse of pad_heads: H sequences [S, p] back to the row's [S, H, d], written in order. */
static void unpad_heads(const float *from, int64_t steps, int64_t heads, int64_t d, int64_t p, float *to) {
  for (int64_t t = 0; t < steps; t++) {
    for (int64_t h = 0; h < heads; h++) {
      memcpy(to + (t * heads + h) * d, from + (h * steps + t) * p, sizeof(float) * (size_t) d);
    }
  }
}

/** A head's gate values, one per step `stride` floats apart, to [S] and back. */
static void gather(const float *from, int64_t steps, int64_t stride, float *to) {
  for (int64_t t = 0; t < steps; t++) to[t] = from[t * stride];
}

static void scatter(const float *from, int64_t steps, int64_t stride, float *to) {
  for (int64_t t = 0; t < steps; t++) to[t * stride] = from[t];
}

/** A (row, head)'s padded sequences and what the pass keeps, per thread; p = d rounded up to LANES. */
typedef struct {
  int64_t p;
  float *q, *k, *v, *dh;          // [S, p] each
  float *h, *dq, *dk, *dv;        // [S, p]: h forward, the gradients backward
  float *states, *ns, *scalars;   // backward: Cᵀ_t [S, p, p], n_t [S, p], [S, SCALARS]
  float *c;                       // [p, p]: C forward, dCᵀ backward
  float *n, *key, *dn, *u, *w, *d_numerator;  // [p] each
  lanes *dv_lanes;                // [p]: each dv_j's lanes before their total
} Work;

/**
 * One step's gates and normaliser vector: m_t, a_t, b_t into `kept` (A, B, M, DECAYED_WON), b_t k̂_t
 * into `key`, n_t into `n_now` from `n_before`; returns n_tᵀq_t. Shared by the forward pass and the
 * backward pass's recomputation, so both see the same bits.
 */
static inline float gates_and_normaliser(const float *kt, const float *qt, float input_gate, float forget_gate,
    float m_before, int64_t p, float scale, float *key, const float *n_before, float *n_now, float *kept) {
  const float decayed = fast_log_sigmoid(forget_gate) + m_before;
  const float m = decayed >= input_gate ? decayed : input_gate;
  const float a = fast_exp(decayed - m), b = fast_exp(input_gate - m);
  kept[A] = a;
  kept[B] = b;
  kept[M] = m;
  kept[DECAYED_WON] = decayed >= input_gate ? 1.0f : 0.0f;
  lanes nq = {0};
  for (int64_t i = 0; i < p; i += LANES) {
    const lanes k = b * (load(kt + i) * scale), n = a * load(n_before + i) + k;
    store(key + i, k);
    store(n_now + i, n);
    nq += n * load(qt + i);
  }
  return total(nq);
}

/** D_t = max(|n_tᵀq_t|, exp(−m_t)) + ε. */
static inline float normaliser(float nq, float m) {
  const float bound = fast_exp(-m), magnitude = fabsf(nq);
  return (magnitude >= bound ? magnitude : bound) + EPS;
}

/**
 * The forward recurrence of one padded (row, head) into w->h. C is kept row by row (row i holds
 * C[i, ·]); a block of LANES columns is updated down all rows with its read-out qᵀC in registers
 * (two sums, even and odd rows, so that each waits on half as many multiply-adds).
 */
CLONED static void forward_head(const float *ig, const float *fg, int64_t steps, float scale, Work *w) {
  const int64_t p = w->p;
  float *c = w->c, *n = w->n, *key = w->key, kept[SCALARS];
  float m_before = MINUS_INFINITY;
  memset(c, 0, sizeof(float) * (size_t) (p * p));
  memset(n, 0, sizeof(float) * (size_t) p);
  for (int64_t t = 0; t < steps; t++) {
    const float *qt = w->q + t * p, *vt = w->v + t * p;
    const float nq = gates_and_normaliser(w->k + t * p, qt, ig[t], fg[t], m_before, p, scale, key, n, n, kept);
    const float a = kept[A], denominator = normaliser(nq, kept[M]);
    for (int64_t j = 0; j < p; j += LANES) {
      const lanes vj = load(vt + j);
      lanes even = {0}, odd = {0};
      for (int64_t i = 0; i < p; i += 2) {
        const lanes row = a * load(c + i * p + j) + key[i] * vj;
        const lanes next = a * load(c + (i + 1) * p + j) + key[i + 1] * vj;
        store(c + i * p + j, row);
        store(c + (i + 1) * p + j, next);
        even += qt[i] * row;
        odd += qt[i + 1] * next;
      }
      store(w->h + t * p + j, (even + odd) / denominator);
    }
    m_before = kept[M];
  }
}

/**
 * The forward recurrence of one padded (row, head) again, keeping what the backward pass reads: Cᵀ_t
 * for every step (row j holds C[·, j]), n_t and the step scalars. Transposed so that the backward
 * pass works down whole rows of Cᵀ and dCᵀ with its sums over j in registers.
 */
CLONED static void keep_head(const float *ig, const float *fg, int64_t steps, float scale, Work *w) {
  const int64_t p = w->p;
  float m_before = MINUS_INFINITY;
  for (int64_t t = 0; t < steps; t++) {
    float *kept = w->scalars + t * SCALARS, *n_now = w->ns + t * p, *now = w->states + t * p * p;
    const float *n_before = t > 0 ? w->ns + (t - 1) * p : NULL, *vt = w->v + t * p;
    if (n_before == NULL) {  // n_{−1} = 0: read from n_now, zeroed first
      memset(n_now, 0, sizeof(float) * (size_t) p);
      n_before = n_now;
    }
    const float nq = gates_and_normaliser(w->k + t * p, w->q + t * p, ig[t], fg[t], m_before, p, scale, w->key,
        n_before, n_now, kept);
    const float a = kept[A];
    for (int64_t j = 0; j < p; j++) {
      float *row = now + j * p;
      const float *before = t > 0 ? w->states + (t - 1) * p * p + j * p : NULL;
      for (int64_t i = 0; i < p; i += LANES) {
        const lanes added = load(w->key + i) * vt[j];
        store(row + i, before != NULL ? a * load(before + i) + added : added);
      }
    }
    kept[DENOMINATOR] = normaliser(nq, kept[M]);
    kept[NQ] = nq;
    kept[SLOPE] = fast_sigmoid(-fg[t]);  // d log σ(f̃)/df̃
    m_before = kept[M];
  }
}

/**
 * The adjoint recurrence of one padded (row, head) over its kept forward values, from the last step
 * down, with w = C dh: dh·h = qᵀw/D; dD = −(dh·h)/D; ds = dD·sign(nᵀq) where |nᵀq| is the max;
 * dq = w/D + ds·n; dn += ds·q; dC += q (dh/D)ᵀ; u = dC v + dn; dk = b·u/√d; dv = dCᵀ(b k̂);
 * dĩ = b·(u·k̂); d log σ(f̃) = a·(⟨dC, C_{t−1}⟩ + dn·n_{t−1}); then dC, dn ← a·dC, a·dn for the step
 * before, and the ε path through m (the file's comment). The gates' gradients go straight to
 * d_input and d_forget ([S] each).
 */
CLONED static void backward_head(int64_t steps, float scale, Work *w, float *d_input, float *d_forget) {
  const int64_t p = w->p;
  float *dc = w->c, *dn = w->dn, *u = w->u, *key = w->key, *wv = w->w, *dnum = w->d_numerator;
  float dm_carried = 0.0f;  // the adjoint of m_t from m_{t+1}
  memset(dc, 0, sizeof(float) * (size_t) (p * p));
  memset(dn, 0, sizeof(float) * (size_t) p);
  for (int64_t t = steps - 1; t >= 0; t--) {
    const float *kept = w->scalars + t * SCALARS;
    const float a = kept[A], b = kept[B], denominator = kept[DENOMINATOR], nq = kept[NQ];
    const float *qt = w->q + t * p, *kt = w->k + t * p, *vt = w->v + t * p, *dht = w->dh + t * p;
    const float *c_now = w->states + t * p * p, *n_now = w->ns + t * p;
    // at t = 0 nothing came before (a_0 = 0): any finite stand-in gives d log σ(f̃) = 0 below
    const float *c_before = t > 0 ? c_now - p * p : c_now, *n_before = t > 0 ? n_now - p : n_now;
    float *dqt = w->dq + t * p, *dvt = w->dv + t * p, *dkt = w->dk + t * p;
    // w = C dh = Σ_j dh_j Cᵀ[j], a block of LANES rows i at a time in registers
    for (int64_t i = 0; i < p; i += LANES) {
      lanes even = {0}, odd = {0};
      for (int64_t j = 0; j < p; j += 2) {
        even += dht[j] * load(c_now + j * p + i);
        odd += dht[j + 1] * load(c_now + (j + 1) * p + i);
      }
      store(wv + i, even + odd);
    }
    const float hd = dot(qt, wv, p) / denominator;  // dh·h
    const float d_denominator = -hd / denominator;
    const float ds = fabsf(nq) >= fast_exp(-kept[M])
        ? (nq > 0.0f ? d_denominator : nq < 0.0f ? -d_denominator : 0.0f) : 0.0f;
    for (int64_t i = 0; i < p; i += LANES) {
      store(dn + i, load(dn + i) + ds * load(qt + i));
      store(key + i, b * (load(kt + i) * scale));
      store(dqt + i, load(wv + i) / denominator + ds * load(n_now + i));
      store(dnum + i, load(dht + i) / denominator);
    }
    // dCᵀ row by row, a block of LANES columns i at a time: u and ⟨dC, C_{t−1}⟩ in registers, dv_j's
    // lanes in w->dv_lanes until their totals
    lanes decay = {0};
    memset(w->dv_lanes, 0, sizeof(lanes) * (size_t) p);
    for (int64_t i = 0; i < p; i += LANES) {
      const lanes qi = load(qt + i), ki = load(key + i), dni = load(dn + i);
      lanes ui = dni, decay_i = dni * load(n_before + i);
      for (int64_t j = 0; j < p; j++) {
        const lanes row = load(dc + j * p + i) + dnum[j] * qi;
        ui += vt[j] * row;
        w->dv_lanes[j] += row * ki;
        decay_i += row * load(c_before + j * p + i);
        store(dc + j * p + i, a * row);
      }
      store(u + i, ui);
      decay += decay_i;
    }
    for (int64_t j = 0; j < p; j++) dvt[j] = total(w->dv_lanes[j]);
    lanes d_b = {0};
    for (int64_t i = 0; i < p; i += LANES) {
      const lanes ui = load(u + i);
      store(dkt + i, (ui * b) * scale);
      d_b += ui * (load(kt + i) * scale);
      store(dn + i, a * load(dn + i));
    }
    // m: its own path into h (the ε term), and what m_{t+1} passed back through log σ(f̃_{t+1}) + m_t
    const float dm = -(EPS / denominator) * hd + dm_carried;
    float d_in = total(d_b) * b, d_log_forget = t > 0 ? total(decay) * a : 0.0f;
    if (kept[DECAYED_WON] != 0.0f) {
      d_log_forget += dm;
      dm_carried = dm;
    } else {
      d_in += dm;
      dm_carried = 0.0f;
    }
    d_input[t] = d_in;
    d_forget[t] = d_log_forget * kept[SLOPE];
  }
}

static int mlstm_rows(void *context, int64_t from, int64_t to) {
  const Mlstm *s = context;
  const int64_t S = s->steps, d = s->width, p = (d + LANES - 1) / LANES * LANES;
  const int backward = s->dh != NULL;
  const float scale = (float) (1.0 / sqrt((double) d));
  const int64_t H = s->heads, row = S * H * d, sequences = H * S * p;
  // 7 sequences [H, S, p] (a row's q, k, v, then dh backward or h forward, then dq, dk, dv); 4 gate
  // sequences [S]; C [p, p]; 6 vectors [p]; dv's lanes; backward: Cᵀ_t, n_t, the scalars
  const size_t floats = (size_t) (7 * sequences + 4 * S + p * p + 6 * p + p * LANES
      + (backward ? S * (p * p + p + SCALARS) : 0));
  float *scratch = aligned_alloc(sizeof(lanes), (floats * sizeof(float) + sizeof(lanes) - 1) / sizeof(lanes)
      * sizeof(lanes));
  if (scratch == NULL) return 1;
  Work w = {.p = p};
  float *next = scratch;
  w.dv_lanes = (lanes *) next;  // first: aligned for its vectors
  next += p * LANES;
  float *q = next, *k = q + sequences, *v = k + sequences, *dh = v + sequences, *h_out = dh,
        *dq = dh + sequences, *dk = dq + sequences, *dv = dk + sequences;
  next += 7 * sequences;
  float *ig = next, *fg = ig + S, *d_input = fg + S, *d_forget = d_input + S;
  next += 4 * S;
  w.c = next;
  next += p * p;
  float **vectors[] = {&w.n, &w.key, &w.dn, &w.u, &w.w, &w.d_numerator};
  for (int i = 0; i < 6; i++, next += p) *vectors[i] = next;
  w.states = next;
  w.ns = w.states + S * p * p;
  w.scalars = w.ns + S * p;
  for (int64_t r = from; r < to; r++) {
    pad_heads(s->q + r * row, S, H, d, p, q);
    pad_heads(s->k + r * row, S, H, d, p, k);
    pad_heads(s->v + r * row, S, H, d, p, v);
    if (backward) pad_heads(s->dh + r * row, S, H, d, p, dh);
    for (int64_t h = 0; h < H; h++) {
      const int64_t gate = r * S * H + h, at = h * S * p;
      w.q = q + at;
      w.k = k + at;
      w.v = v + at;
      w.dh = dh + at;
      w.h = h_out + at;
      w.dq = dq + at;
      w.dk = dk + at;
      w.dv = dv + at;
      gather(s->ig + gate, S, H, ig);
      gather(s->fg + gate, S, H, fg);
      if (backward) {
        keep_head(ig, fg, S, scale, &w);
        backward_head(S, scale, &w, d_input, d_forget);
        scatter(d_input, S, H, s->dig + gate);
        scatter(d_forget, S, H, s->dfg + gate);
      } else {
        forward_head(ig, fg, S, scale, &w);
      }
    }
    if (backward) {
      unpad_heads(dq, S, H, d, p, s->dq + r * row);
      unpad_heads(dk, S, H, d, p, s->dk + r * row);
      unpad_heads(dv, S, H, d, p, s->dv + r * row);
    } else {
      unpad_heads(h_out, S, H, d, p, s->h + r * row);
    }
  }
  free(scratch);
  return 0;
}

static const char *const LAYOUT = "q, k, v [B, S, H, d], input_gate, forget_gate [B, S, H] (and dh [B, S, H, d])";

/** Reads the inputs into `s` and checks their shapes; 0 (after failing ctx) if wrong. */
static int read_mlstm(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, Mlstm *s) {
  static const int ranks[] = {4, 4, 4, 3, 3, 4};
  const char *op = count > 5 ? "RuleBenchMlstmGrad" : "RuleBenchMlstm";
  if (!read_inputs(ctx, status, in, count, ranks, op, LAYOUT)) return 0;
  s->rows = TF_Dim(in[0], 0);
  s->steps = TF_Dim(in[0], 1);
  s->heads = TF_Dim(in[0], 2);
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
    const int64_t dims[] = {s.rows, s.steps, s.heads, s.width};
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
    const int64_t vectors[] = {s.rows, s.steps, s.heads, s.width}, gates[] = {s.rows, s.steps, s.heads};
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
