// One decoding step of the mLSTM's matrix memory (layers/MlstmCell.step) as a TensorFlow CPU
// kernel:
//
//   C'[r, h, i, j] = f[r, h] · C[r, h, i, j] + k[r, h, i] · v[r, h, j]
//   numerator[r, h, j] = Σ_i q[r, h, i] · C'[r, h, i, j]
//
//   RuleBenchMlstmStep  (c [R, H, d, d], k [R, H, d], v [R, H, d], q [R, H, d], f [R, H]) → (c', numerator)
//
// k is the key already scaled by 1/√d and the input gate. The gates and the normaliser stay in the
// op graph: they are [R, H] and [R, H, d].
//
// Why a kernel: the memories are the bulk of an xLSTM decoding step (2 MB per block and lane at the
// paper's 128 rows). As ops, the outer product, the decay, the sum and the read-out each stream them
// through memory; here each head's d × d memory is read once and written once, in the cache.
#include <stdio.h>
#include <string.h>

#include "kernel_support.h"

typedef struct {
  int64_t rows, heads, width;  // R, H, d
  const float *c, *k, *v, *q, *f;
  float *c_next, *numerator;
} MlstmStep;

CLONED static int step_rows(void *context, int64_t from, int64_t to) {
  const MlstmStep *s = context;
  const int64_t H = s->heads, d = s->width;
  for (int64_t rh = from * H; rh < to * H; rh++) {  // one (row, head) at a time
    const float *c = s->c + rh * d * d, *k = s->k + rh * d, *v = s->v + rh * d, *q = s->q + rh * d;
    const float f = s->f[rh];
    float *c_next = s->c_next + rh * d * d, *numerator = s->numerator + rh * d;
    memset(numerator, 0, sizeof(float) * d);
    for (int64_t i = 0; i < d; i++) {
      const float ki = k[i], qi = q[i], *ci = c + i * d;
      float *next = c_next + i * d;
#pragma omp simd
      for (int64_t j = 0; j < d; j++) {
        next[j] = f * ci[j] + ki * v[j];
        numerator[j] += qi * next[j];
      }
    }
  }
  return 0;
}

static const char *const LAYOUT = "c [R, H, d, d], k, v, q [R, H, d], f [R, H]";

static void compute(void *kernel, TF_OpKernelContext *ctx) {
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[5] = {0}, *out[2] = {0};
  static const int ranks[] = {4, 3, 3, 3, 2};
  MlstmStep s = {0};
  if (read_inputs(ctx, status, in, 5, ranks, "RuleBenchMlstmStep", LAYOUT)) {
    s.rows = TF_Dim(in[0], 0);
    s.heads = TF_Dim(in[0], 1);
    s.width = TF_Dim(in[0], 2);
    int disagree = TF_Dim(in[0], 3) != s.width || TF_Dim(in[4], 0) != s.rows || TF_Dim(in[4], 1) != s.heads;
    for (int i = 1; i < 4; i++) {
      disagree |= TF_Dim(in[i], 0) != s.rows || TF_Dim(in[i], 1) != s.heads || TF_Dim(in[i], 2) != s.width;
    }
    if (disagree) {
      fail_shapes(ctx, status, "RuleBenchMlstmStep", LAYOUT);
    } else {
      s.c = TF_TensorData(in[0]);
      s.k = TF_TensorData(in[1]);
      s.v = TF_TensorData(in[2]);
      s.q = TF_TensorData(in[3]);
      s.f = TF_TensorData(in[4]);
      const int64_t memory[] = {s.rows, s.heads, s.width, s.width}, vector[] = {s.rows, s.heads, s.width};
      if ((s.c_next = allocate_output(ctx, status, out, 0, memory, 4))
          && (s.numerator = allocate_output(ctx, status, out, 1, vector, 3))) {
        parallel_rows(s.rows, ((Kernel *) kernel)->threads, step_rows, &s);
      }
    }
  }
  delete_tensors(in, 5);
  delete_tensors(out, 2);
  TF_DeleteStatus(status);
}

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_mlstm_step(void) {
  static const char *const inputs[] = {"c: float", "k: float", "v: float", "q: float", "f: float"};
  static const char *const outputs[] = {"c_next: float", "numerator: float"};
  TF_Status *status = TF_NewStatus();
  register_op("RuleBenchMlstmStep", inputs, 5, outputs, 2, shapes_like_inputs_2, compute, status);
  TF_DeleteStatus(status);
}
