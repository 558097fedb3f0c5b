// Causal self-attention with dropout on its weights (arch/TransformerNetwork, layers/CausalAttention)
// as two TensorFlow CPU kernels that never write the T × T weights to memory:
//
//   RuleBenchAttention      (qkv, key_valid, seed, threshold, lookahead, value_scale) → (context, stats)
//   RuleBenchAttentionGrad  (the same six, context, stats, d_context) → d_qkv
//
// qkv: [B, T, 3, H, d], the block's input projection as it comes out (each position's q, then k,
// then v, head by head); key_valid: bool [B, T], false at PAD; seed: int64 [2]; threshold:
// int32 [], dropout's (0 keeps every weight); lookahead: int32 [], how many future keys a query
// sees (0; 1 under the injected fault CAUSAL_MASK_LEAK); value_scale: float [], dropout's
// 1/(1−p) (1 without). context: [B, T, H, d]; stats: [B, T, H, 2], each query's largest score m and
// 1/Σ exp(s − m), for the gradient op.
//
// Per (row b, head h) and query i, over the keys j ≤ i + lookahead that are not PAD:
//
//   s_ij = (q_i / √d) · k_j      P_ij = softmax_j s_ij      context_i = Σ_j D_ij P_ij · value_scale · v_j
//
// D_ij is the keep bit of entry ((b·H + h)·T + i)·T + j of a [B, H, T, T] mask made as
// layers/Dropout.keep makes masks (philox.h), so that an op graph with that mask is the tests'
// reference. A query that sees no key gets a zero context.
//
// The gradient, with δ_i = d_context_i · context_i (= Σ_j P_ij dP_ij), recomputes each row's
// scores, P and D from the stats:
//
//   dP_ij = D_ij · value_scale · (d_context_i · v_j)      dS_ij = P_ij (dP_ij − δ_i)
//   dq_i = Σ_j dS_ij k_j / √d     dk_j = Σ_i dS_ij q_i / √d     dv_j = value_scale Σ_i D_ij P_ij d_context_i
//
// Why a kernel: the paper's Transformer has heads of width 2, so its attention is T × T weights
// and almost no arithmetic. As ops, scores, softmax, mask and weights (105 MB a layer at batch
// 128 × 257) are written and read about a dozen times a step with their gradients. Here a query's
// row of scores stays in L1, and the backward pass regenerates the mask instead of keeping it.
//
// Loops run over keys 16 at a time (`lanes`); each head's keys and values are first copied to
// [d, T] so those 16 are adjacent. Determinism: each (row, head) is computed by one thread, which
// sums its key and value gradients over queries in order, so the bits do not depend on the thread
// count.
#include <stdlib.h>
#include <string.h>

#include "fast_math.h"
#include "kernel_support.h"
#include "lanes.h"
#include "philox.h"

typedef struct {
  int64_t rows, steps, heads, width;  // B, T, H, d
  const float *qkv, *context_in, *stats_in, *d_context;
  const uint8_t *key_valid;
  PhiloxStream stream;
  uint16_t threshold;
  int64_t lookahead;
  float value_scale, query_scale;
  float *context, *stats, *d_qkv;
} Attention;

/** One thread's copy of a (row, head) and its rows' scratch; p = T rounded up to LANES. */
typedef struct {
  int64_t p;
  float *k, *v, *dk, *dv;  // [d, p] each, zeros past T
  float *bias;             // [p]: 0 where a key may be seen, −∞ at PAD and past T
  float *scores;           // [p]: one query's scores
  float *keep;             // [p]: its mask, 1 or 0
  uint16_t *bits;          // [p + 8 + 8·PHILOX_BLOCKS]: its mask's random integers
  float *q, *dc;           // [d]: the query (scaled) and its context's gradient
  lanes *sums;             // [d]: running sums over keys
} Work;

static const float MINUS_INFINITY = -__builtin_inff();

/** How many keys query i sees: i + 1 + lookahead, within [0, T]. */
INLINE int64_t visible(const Attention *s, int64_t i) {
  const int64_t n = i + 1 + s->lookahead;
  return n < 0 ? 0 : n > s->steps ? s->steps : n;
}

/** The mask's entries [first, first + n) as 1 or 0 into keep; bits: scratch of n + 8 + 8·PHILOX_BLOCKS. */
INLINE void keep_row(const Attention *s, int64_t first, int64_t n, uint16_t *bits, float *keep) {
  if (s->threshold == 0) {
    for (int64_t j = 0; j < n; j++) keep[j] = 1.0f;
    return;
  }
  const int64_t start = first / 8, end = (first + n + 7) / 8;  // blocks [start, end)
  for (int64_t block = start; block < end; block += PHILOX_BLOCKS) {
    const int count = end - block < PHILOX_BLOCKS ? (int) (end - block) : PHILOX_BLOCKS;
    philox_pieces(&s->stream, block, count, bits + (block - start) * 8);
  }
  const uint16_t *row = bits + (first - start * 8);
  for (int64_t j = 0; j < n; j++) keep[j] = row[j] >= s->threshold ? 1.0f : 0.0f;
}

/**
 * Query i's scores over its n visible keys into w->scores[0, n), −∞ after n up to a multiple of
 * LANES; returns their maximum (−∞ where no key is visible; NaN where a score is).
 */
INLINE float scores(const Attention *s, Work *w, int64_t n) {
  const int64_t d = s->width, p = w->p, padded = (n + LANES - 1) / LANES * LANES;
  for (int64_t j = 0; j < padded; j += LANES) {
    lanes score = load(w->bias + j);
    for (int64_t e = 0; e < d; e++) score += w->q[e] * load(w->k + e * p + j);
    store(w->scores + j, score);
  }
  for (int64_t j = n; j < padded; j++) w->scores[j] = MINUS_INFINITY;
  float largest[LANES];
  for (int l = 0; l < LANES; l++) largest[l] = MINUS_INFINITY;
  for (int64_t j = 0; j < padded; j += LANES) {
    for (int l = 0; l < LANES; l++) largest[l] = w->scores[j + l] > largest[l] ? w->scores[j + l] : largest[l];
  }
  float m = MINUS_INFINITY;
  for (int l = 0; l < LANES; l++) m = largest[l] > m ? largest[l] : m;
  if (m == MINUS_INFINITY) {
    // NaN loses every comparison: a row of NaN scores would pass for a row with no key to see. (A
    // NaN among numbers spreads anyway, through the sum of exponentials.)
    for (int64_t j = 0; j < n; j++) {
      if (w->scores[j] != w->scores[j]) return w->scores[j];
    }
  }
  return m;
}

/** exp(x − m) · factor of 16 scores. */
INLINE lanes exps(const float *x, float m, float factor) {
  float e[LANES];
#pragma omp simd
  for (int l = 0; l < LANES; l++) e[l] = fast_exp(x[l] - m) * factor;
  return load(e);
}

/** Copies (row b, head h)'s keys and values to [d, p] and sets the bias. */
static void gather_head(const Attention *s, Work *w, int64_t b, int64_t h) {
  const int64_t T = s->steps, H = s->heads, d = s->width, p = w->p;
  const float *row = s->qkv + b * T * 3 * H * d;
  for (int64_t e = 0; e < d; e++) {
    for (int64_t t = 0; t < p; t++) {
      w->k[e * p + t] = t < T ? row[(t * 3 + 1) * H * d + h * d + e] : 0.0f;
      w->v[e * p + t] = t < T ? row[(t * 3 + 2) * H * d + h * d + e] : 0.0f;
    }
  }
  for (int64_t t = 0; t < p; t++) w->bias[t] = t < T && s->key_valid[b * T + t] ? 0.0f : MINUS_INFINITY;
}

/** Query i of (row b, head h), scaled, into w->q. */
INLINE void read_query(const Attention *s, Work *w, int64_t b, int64_t h, int64_t i) {
  const int64_t T = s->steps, H = s->heads, d = s->width;
  const float *q = s->qkv + ((b * T + i) * 3 * H + h) * d;
  for (int64_t e = 0; e < d; e++) w->q[e] = q[e] * s->query_scale;
}

CLONED static void forward_head(const Attention *s, Work *w, int64_t b, int64_t h) {
  const int64_t T = s->steps, H = s->heads, d = s->width, p = w->p;
  for (int64_t i = 0; i < T; i++) {
    const int64_t n = visible(s, i), padded = (n + LANES - 1) / LANES * LANES, at = (b * T + i) * H + h;
    float *context = s->context + at * d, *stats = s->stats + at * 2;
    read_query(s, w, b, h, i);
    const float m = n > 0 ? scores(s, w, n) : MINUS_INFINITY;
    if (m == MINUS_INFINITY) {  // no key to see
      memset(context, 0, sizeof(float) * (size_t) d);
      stats[0] = 0.0f;
      stats[1] = 0.0f;
      continue;
    }
    keep_row(s, ((b * H + h) * T + i) * T, n, w->bits, w->keep);
    for (int64_t j = n; j < padded; j++) w->keep[j] = 0.0f;
    lanes sum = {0};
    for (int64_t e = 0; e < d; e++) w->sums[e] = (lanes) {0};
    for (int64_t j = 0; j < padded; j += LANES) {
      const lanes weight = exps(w->scores + j, m, 1.0f);
      sum += weight;
      const lanes kept = weight * load(w->keep + j);
      for (int64_t e = 0; e < d; e++) w->sums[e] += kept * load(w->v + e * p + j);
    }
    const float inverse = 1.0f / total(sum);
    for (int64_t e = 0; e < d; e++) context[e] = total(w->sums[e]) * inverse * s->value_scale;
    stats[0] = m;
    stats[1] = inverse;
  }
}

CLONED static void backward_head(const Attention *s, Work *w, int64_t b, int64_t h) {
  const int64_t T = s->steps, H = s->heads, d = s->width, p = w->p;
  memset(w->dk, 0, sizeof(float) * (size_t) (d * p));
  memset(w->dv, 0, sizeof(float) * (size_t) (d * p));
  float *rows = s->d_qkv + b * T * 3 * H * d;
  for (int64_t i = 0; i < T; i++) {
    const int64_t n = visible(s, i), padded = (n + LANES - 1) / LANES * LANES, at = (b * T + i) * H + h;
    const float *context = s->context_in + at * d, *d_context = s->d_context + at * d;
    const float m = s->stats_in[at * 2], inverse = s->stats_in[at * 2 + 1];
    float *dq = rows + (i * 3 * H + h) * d;
    if (inverse == 0.0f) {  // the query saw no key
      memset(dq, 0, sizeof(float) * (size_t) d);
      continue;
    }
    read_query(s, w, b, h, i);
    scores(s, w, n);
    keep_row(s, ((b * H + h) * T + i) * T, n, w->bits, w->keep);
    for (int64_t j = n; j < padded; j++) w->keep[j] = 0.0f;
    float delta = 0.0f;
    for (int64_t e = 0; e < d; e++) {
      w->dc[e] = d_context[e];
      delta += d_context[e] * context[e];
    }
    for (int64_t e = 0; e < d; e++) w->sums[e] = (lanes) {0};
    for (int64_t j = 0; j < padded; j += LANES) {
      const lanes weight = exps(w->scores + j, m, inverse), keep = load(w->keep + j), kept = weight * keep;
      lanes d_weight = {0};
      for (int64_t e = 0; e < d; e++) d_weight += w->dc[e] * load(w->v + e * p + j);
      const lanes d_score = weight * (keep * (d_weight * s->value_scale) - delta);
      for (int64_t e = 0; e < d; e++) {
        w->sums[e] += d_score * load(w->k + e * p + j);
        store(w->dk + e * p + j, load(w->dk + e * p + j) + d_score * w->q[e]);
        store(w->dv + e * p + j, load(w->dv + e * p + j) + kept * (w->dc[e] * s->value_scale));
      }
    }
    for (int64_t e = 0; e < d; e++) dq[e] = total(w->sums[e]) * s->query_scale;
  }
  for (int64_t t = 0; t < T; t++) {
    for (int64_t e = 0; e < d; e++) {
      rows[(t * 3 + 1) * H * d + h * d + e] = w->dk[e * p + t];  // w->q was scaled already
      rows[(t * 3 + 2) * H * d + h * d + e] = w->dv[e * p + t];
    }
  }
}

/** (row, head) pairs [from, to): forward, or backward where there is a d_context. */
static int attention_heads(void *context, int64_t from, int64_t to) {
  const Attention *s = context;
  const int64_t d = s->width, p = (s->steps + LANES - 1) / LANES * LANES;
  float *scratch = malloc(sizeof(float) * (size_t) ((4 * d + 3) * p + 2 * d));
  lanes *sums = aligned_alloc(sizeof(lanes), sizeof(lanes) * (size_t) (d > 0 ? d : 1));
  uint16_t *bits = malloc(sizeof(uint16_t) * (size_t) (p + 8 + 8 * PHILOX_BLOCKS));
  if (scratch == NULL || sums == NULL || bits == NULL) {
    free(scratch);
    free(sums);
    free(bits);
    return 1;
  }
  Work w = {.p = p, .k = scratch, .v = scratch + d * p, .dk = scratch + 2 * d * p, .dv = scratch + 3 * d * p,
      .bias = scratch + 4 * d * p, .scores = scratch + (4 * d + 1) * p, .keep = scratch + (4 * d + 2) * p,
      .q = scratch + (4 * d + 3) * p, .dc = scratch + (4 * d + 3) * p + d, .sums = sums, .bits = bits};
  for (int64_t unit = from; unit < to; unit++) {
    const int64_t b = unit / s->heads, h = unit % s->heads;
    gather_head(s, &w, b, h);
    if (s->d_context != NULL) {
      backward_head(s, &w, b, h);
    } else {
      forward_head(s, &w, b, h);
    }
  }
  free(scratch);
  free(sums);
  free(bits);
  return 0;
}

static const char *const LAYOUT = "qkv float [B, T, 3, H, d], key_valid bool [B, T], seed int64 [2], "
    "threshold int32 [], lookahead int32 [], value_scale float [] (and context [B, T, H, d], "
    "stats [B, T, H, 2], d_context [B, T, H, d])";

/** Reads the op's inputs into `s` and checks them; 0 (after failing ctx) if wrong. */
static int read_attention(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, Attention *s) {
  static const int types[] = {TF_FLOAT, TF_BOOL, TF_INT64, TF_INT32, TF_INT32, TF_FLOAT, TF_FLOAT, TF_FLOAT,
      TF_FLOAT};
  static const int ranks[] = {5, 2, 1, 0, 0, 0, 4, 4, 4};
  const char *op = count > 6 ? "RuleBenchAttentionGrad" : "RuleBenchAttention";
  for (int i = 0; i < count; i++) {
    TF_GetInput(ctx, i, &in[i], status);
    if (TF_GetCode(status) != TF_OK) {
      TF_OpKernelContext_Failure(ctx, status);
      return 0;
    }
    if (TF_TensorType(in[i]) != types[i] || TF_NumDims(in[i]) != ranks[i]) return fail_shapes(ctx, status, op, LAYOUT);
  }
  s->rows = TF_Dim(in[0], 0);
  s->steps = TF_Dim(in[0], 1);
  s->heads = TF_Dim(in[0], 3);
  s->width = TF_Dim(in[0], 4);
  int wrong = TF_Dim(in[0], 2) != 3 || TF_Dim(in[1], 0) != s->rows || TF_Dim(in[1], 1) != s->steps
      || TF_Dim(in[2], 0) != 2;
  for (int i = 6; i < count; i++) {
    const int64_t expected[] = {s->rows, s->steps, s->heads, i == 7 ? 2 : s->width};
    for (int axis = 0; axis < 4; axis++) wrong |= TF_Dim(in[i], axis) != expected[axis];
  }
  if (wrong) return fail_shapes(ctx, status, op, LAYOUT);
  s->qkv = TF_TensorData(in[0]);
  s->key_valid = TF_TensorData(in[1]);
  s->stream = philox_stream(TF_TensorData(in[2]));
  s->threshold = (uint16_t) *(const int32_t *) TF_TensorData(in[3]);  // as Dropout's op graph's cast to uint16
  s->lookahead = *(const int32_t *) TF_TensorData(in[4]);
  s->value_scale = *(const float *) TF_TensorData(in[5]);
  s->query_scale = (float) (1.0 / __builtin_sqrt((double) s->width));  // as TransformerNetwork's 1/√d
  if (count > 6) {
    s->context_in = TF_TensorData(in[6]);
    s->stats_in = TF_TensorData(in[7]);
    s->d_context = TF_TensorData(in[8]);
  }
  return 1;
}

static void compute_forward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[6] = {0}, *out[2] = {0};
  Attention s = {0};
  if (read_attention(ctx, status, in, 6, &s)) {
    const int64_t context[] = {s.rows, s.steps, s.heads, s.width}, stats[] = {s.rows, s.steps, s.heads, 2};
    if ((s.context = allocate_output(ctx, status, out, 0, context, 4))
        && (s.stats = allocate_output(ctx, status, out, 1, stats, 4))
        && parallel_rows(s.rows * s.heads, ((Kernel *) kernel)->threads, attention_heads, &s)) {
      fail(ctx, status, TF_INTERNAL, "RuleBenchAttention: out of memory for a thread's scratch");
    }
  }
  delete_tensors(in, 6);
  delete_tensors(out, 2);
  TF_DeleteStatus(status);
}

static void compute_backward(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[9] = {0}, *out[1] = {0};
  Attention s = {0};
  if (read_attention(ctx, status, in, 9, &s)) {
    const int64_t dims[] = {s.rows, s.steps, 3, s.heads, s.width};
    if ((s.d_qkv = allocate_output(ctx, status, out, 0, dims, 5))
        && parallel_rows(s.rows * s.heads, ((Kernel *) kernel)->threads, attention_heads, &s)) {
      fail(ctx, status, TF_INTERNAL, "RuleBenchAttentionGrad: out of memory for a thread's scratch");
    }
  }
  delete_tensors(in, 9);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

/** context [B, T, H, d] and stats [B, T, H, 2] from qkv [B, T, 3, H, d]. */
static void attention_shapes(TF_ShapeInferenceContext *ctx, TF_Status *status) {
  TF_ShapeHandle *qkv = TF_NewShapeHandle(), *positions = TF_NewShapeHandle(), *heads = TF_NewShapeHandle(),
      *prefix = TF_NewShapeHandle(), *context = TF_NewShapeHandle(), *stats = TF_NewShapeHandle();
  TF_ShapeHandle *two = TF_ShapeInferenceContextVectorFromSize(ctx, 2);
  TF_ShapeInferenceContextGetInput(ctx, 0, qkv, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSubshape(ctx, qkv, 0, 2, positions, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSubshape(ctx, qkv, 3, 4, heads, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextConcatenateShapes(ctx, positions, heads, prefix, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSubshape(ctx, qkv, 3, 5, heads, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextConcatenateShapes(ctx, positions, heads, context, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextConcatenateShapes(ctx, prefix, two, stats, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 0, context, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 1, stats, status);
  TF_ShapeHandle *handles[] = {qkv, positions, heads, prefix, context, stats, two};
  for (int i = 0; i < 7; i++) TF_DeleteShapeHandle(handles[i]);
}

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_attention(void) {
  static const char *const inputs[] = {"qkv: float", "key_valid: bool", "seed: int64", "threshold: int32",
      "lookahead: int32", "value_scale: float", "context: float", "stats: float", "d_context: float"};
  static const char *const outputs[] = {"context: float", "stats: float"};
  static const char *const gradients[] = {"d_qkv: float"};
  TF_Status *status = TF_NewStatus();
  register_op("RuleBenchAttention", inputs, 6, outputs, 2, attention_shapes, compute_forward, status);
  if (TF_GetCode(status) == TF_OK) {
    register_op("RuleBenchAttentionGrad", inputs, 9, gradients, 1, shapes_like_inputs_1, compute_backward, status);
  }
  TF_DeleteStatus(status);
}
