// Inverted dropout's keep mask (layers/Dropout.keep) as a TensorFlow CPU kernel, and the mask
// applied with a ReLU (layers/Dropout.reluDropped, the Transformer's feed-forward layer):
//
//   RuleBenchDropoutMask  (x: float, seed: int64 [2], threshold: int32 []) → keep: bool, shaped as x
//   RuleBenchReluDropout  (x: float, seed: int64 [2], threshold: int32 []) → x where x > 0 and kept, else 0
//
// bit for bit the mask of the op graph, which draws ⌈n/4⌉ int64 from TensorFlow's
// StatelessRandomUniformFullInt, reads them as 16-bit integers and keeps entry e where the e-th is
// ≥ threshold. Why a kernel: that takes six ops and an int64 tensor a quarter of the mask's entries
// long, and TensorFlow's Philox runs one block at a time; here blocks run 16 side by side in vector
// registers and each block's 128 bits become eight mask entries at once.
//
// The generator and how a mask's entries map to its blocks: philox.h. `DropoutTest` compares the two
// masks bit for bit.
//
// The second is the first with its op graph's select(x > 0 and keep, x, 0) in the same pass: one
// write of x's size instead of a mask, a comparison, a conjunction and a select (four passes over
// 135 MB per layer at the paper's shape). Its results are the same bits.
//
// Determinism: each block depends on its index alone.
#include <stdint.h>

#include "kernel_support.h"
#include "philox.h"

typedef struct {
  PhiloxStream stream;
  uint16_t threshold;
  int64_t entries;
  uint8_t *keep;   // the mask, or
  const float *x;  // with relu: x where x > 0 and kept, else 0
  float *relu;
} Mask;

/** The mask's entries of blocks [from, to): block g covers entries 8g … 8g + 7. */
CLONED static int mask_blocks(void *context, int64_t from, int64_t to) {
  const Mask *s = context;
  uint16_t bits[8 * PHILOX_BLOCKS];
  for (int64_t first = from; first < to; first += PHILOX_BLOCKS) {
    const int count = to - first < PHILOX_BLOCKS ? (int) (to - first) : PHILOX_BLOCKS;
    philox_pieces(&s->stream, first, count, bits);
    const int64_t entry = first * 8;
    const int64_t n = s->entries - entry < 8 * count ? s->entries - entry : 8 * count;
    if (s->relu != NULL) {
      const float *x = s->x + entry;
      float *relu = s->relu + entry;
      for (int64_t e = 0; e < n; e++) relu[e] = (x[e] > 0.0f) & (bits[e] >= s->threshold) ? x[e] : 0.0f;
    } else {
      uint8_t *keep = s->keep + entry;
      for (int64_t e = 0; e < n; e++) keep[e] = bits[e] >= s->threshold;
    }
  }
  return 0;
}

/** Either op: the mask, or with `relu` the ReLU of x under the mask. */
static void compute(void *kernel, TF_OpKernelContext *ctx, int relu) {
  const char *op = relu ? "RuleBenchReluDropout" : "RuleBenchDropoutMask";
  TF_Status *status = TF_NewStatus();
  TF_Tensor *in[3] = {0}, *out[1] = {0};
  static const int types[] = {TF_FLOAT, TF_INT64, TF_INT32};
  int ok = 1;
  for (int i = 0; i < 3 && ok; i++) {
    TF_GetInput(ctx, i, &in[i], status);
    if (TF_GetCode(status) != TF_OK) {
      TF_OpKernelContext_Failure(ctx, status);
      ok = 0;
    } else if (TF_TensorType(in[i]) != types[i]) {
      ok = fail_shapes(ctx, status, op, "x float32, seed int64 [2], threshold int32 []");
    }
  }
  if (ok && (TF_NumDims(in[1]) != 1 || TF_Dim(in[1], 0) != 2 || TF_NumDims(in[2]) != 0 || TF_NumDims(in[0]) > 16)) {
    ok = fail_shapes(ctx, status, op, "x of rank at most 16, seed [2], threshold []");
  }
  if (ok) {
    Mask s = {0};
    const int rank = TF_NumDims(in[0]);
    int64_t dims[16];
    s.entries = 1;
    for (int k = 0; k < rank; k++) {
      dims[k] = TF_Dim(in[0], k);
      s.entries *= dims[k];
    }
    out[0] = TF_AllocateOutput(ctx, 0, relu ? TF_FLOAT : TF_BOOL, dims, rank,
        (size_t) s.entries * (relu ? sizeof(float) : 1), status);
    if (TF_GetCode(status) != TF_OK) {
      TF_OpKernelContext_Failure(ctx, status);
    } else if (s.entries > 0) {
      s.stream = philox_stream(TF_TensorData(in[1]));
      s.threshold = (uint16_t) *(const int32_t *) TF_TensorData(in[2]);  // as the op graph's cast to uint16
      if (relu) {
        s.x = TF_TensorData(in[0]);
        s.relu = TF_TensorData(out[0]);
      } else {
        s.keep = TF_TensorData(out[0]);
      }
      parallel_rows((s.entries + 7) / 8, ((Kernel *) kernel)->threads, mask_blocks, &s);
    }
  }
  delete_tensors(in, 3);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

static void compute_mask(void *kernel, TF_OpKernelContext *ctx) { compute(kernel, ctx, 0); }

static void compute_relu(void *kernel, TF_OpKernelContext *ctx) { compute(kernel, ctx, 1); }

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_dropout_mask(void) {
  static const char *const inputs[] = {"x: float", "seed: int64", "threshold: int32"};
  static const char *const mask[] = {"keep: bool"}, *const relu[] = {"y: float"};
  TF_Status *status = TF_NewStatus();
  register_op("RuleBenchDropoutMask", inputs, 3, mask, 1, shapes_like_inputs_1, compute_mask, status);
  if (TF_GetCode(status) == TF_OK) {
    register_op("RuleBenchReluDropout", inputs, 3, relu, 1, shapes_like_inputs_1, compute_relu, status);
  }
  TF_DeleteStatus(status);
}
