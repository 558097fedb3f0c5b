// Inverted dropout's keep mask (layers/Dropout.keep) as a TensorFlow CPU kernel:
//
//   RuleBenchDropoutMask  (x: float, seed: int64 [2], threshold: int32 []) → keep: bool, shaped as x
//
// bit for bit the mask of the op graph, which draws ⌈n/4⌉ int64 from TensorFlow's
// StatelessRandomUniformFullInt, reads them as 16-bit integers and keeps entry e where the e-th is
// ≥ threshold. Why a kernel: that takes six ops and an int64 tensor a quarter of the mask's entries
// long, and TensorFlow's Philox runs one block at a time; here blocks run 16 side by side in vector
// registers and each block's 128 bits become eight mask entries at once.
//
// TensorFlow's generator, as its sources define it (tensorflow/core/kernels/stateless_random_ops.cc,
// random_op_cpu.h; xla/tsl/lib/random/philox_random.h, random_distributions.h): Philox4x32-10. The
// seed (s0, s1) is first run through one block as the counter {lo s0, hi s0, lo s1, hi s1} under the
// key {0x3ec8f720, 0x02461e29}; that block's words m0..m3 become the key {m0, m1} and the counter
// {0, 0, m2, m3}. Block g is generated at that counter plus g, whatever TensorFlow's thread split, and
// yields two int64, each its even word as the low half: so the mask's entry e is the (e mod 8)-th
// little-endian 16-bit piece of block e / 8. `DropoutTest` compares the two masks bit for bit.
//
// Determinism: each block depends on its index alone.
#include <stdint.h>
#include <string.h>

#include "kernel_support.h"

enum { BLOCKS = 16 };  // generated side by side

typedef struct {
  uint32_t key[2], m2, m3;
  uint16_t threshold;
  int64_t entries;
  uint8_t *keep;
} Mask;

/** Philox4x32-10 of `count` ≤ BLOCKS counters {lo g, hi g, m2, m3}, g = first, first + 1, …, into words[4][BLOCKS]. */
CLONED static void philox_blocks(const Mask *s, int64_t first, int count, uint32_t words[4][BLOCKS]) {
  uint32_t c0[BLOCKS], c1[BLOCKS], c2[BLOCKS], c3[BLOCKS];
  for (int l = 0; l < BLOCKS; l++) {
    const uint64_t g = (uint64_t) (first + (l < count ? l : 0));
    c0[l] = (uint32_t) g;
    c1[l] = (uint32_t) (g >> 32);
    c2[l] = s->m2;
    c3[l] = s->m3;
  }
  uint32_t k0 = s->key[0], k1 = s->key[1];
  for (int round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
#pragma omp simd
    for (int l = 0; l < BLOCKS; l++) {
      const uint64_t p0 = (uint64_t) 0xD2511F53u * c0[l], p1 = (uint64_t) 0xCD9E8D57u * c2[l];
      const uint32_t n0 = (uint32_t) (p1 >> 32) ^ c1[l] ^ k0, n2 = (uint32_t) (p0 >> 32) ^ c3[l] ^ k1;
      c1[l] = (uint32_t) p1;
      c3[l] = (uint32_t) p0;
      c0[l] = n0;
      c2[l] = n2;
    }
  }
  memcpy(words[0], c0, sizeof c0);
  memcpy(words[1], c1, sizeof c1);
  memcpy(words[2], c2, sizeof c2);
  memcpy(words[3], c3, sizeof c3);
}

/** The mask's entries of blocks [from, to): block g covers entries 8g … 8g + 7. */
static int mask_blocks(void *context, int64_t from, int64_t to) {
  const Mask *s = context;
  uint32_t words[4][BLOCKS];
  for (int64_t first = from; first < to; first += BLOCKS) {
    const int count = to - first < BLOCKS ? (int) (to - first) : BLOCKS;
    philox_blocks(s, first, count, words);
    for (int l = 0; l < count; l++) {
      const int64_t entry = (first + l) * 8;
      for (int piece = 0; piece < 8 && entry + piece < s->entries; piece++) {
        const uint16_t bits = (uint16_t) (words[piece / 2][l] >> (16 * (piece % 2)));
        s->keep[entry + piece] = bits >= s->threshold;
      }
    }
  }
  return 0;
}

static const char *const OP = "RuleBenchDropoutMask";

static void compute(void *kernel, TF_OpKernelContext *ctx) {
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
      ok = fail(ctx, status, TF_INVALID_ARGUMENT,
          "RuleBenchDropoutMask: expects x float32, seed int64 [2], threshold int32 []");
    }
  }
  if (ok && (TF_NumDims(in[1]) != 1 || TF_Dim(in[1], 0) != 2 || TF_NumDims(in[2]) != 0 || TF_NumDims(in[0]) > 16)) {
    ok = fail_shapes(ctx, status, OP, "x of rank at most 16, seed [2], threshold []");
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
    out[0] = TF_AllocateOutput(ctx, 0, TF_BOOL, dims, rank, (size_t) s.entries, status);
    if (TF_GetCode(status) != TF_OK) {
      TF_OpKernelContext_Failure(ctx, status);
    } else if (s.entries > 0) {
      // the seed's scrambling block: counter {lo s0, hi s0, lo s1, hi s1} is block s0 of a stream
      // whose upper counter words are s1's
      const int64_t *seed = TF_TensorData(in[1]);
      const uint64_t s1 = (uint64_t) seed[1];
      const Mask scramble = {.key = {0x3ec8f720u, 0x02461e29u}, .m2 = (uint32_t) s1, .m3 = (uint32_t) (s1 >> 32)};
      uint32_t words[4][BLOCKS];
      philox_blocks(&scramble, seed[0], 1, words);
      s.key[0] = words[0][0];
      s.key[1] = words[1][0];
      s.m2 = words[2][0];
      s.m3 = words[3][0];
      s.threshold = (uint16_t) *(const int32_t *) TF_TensorData(in[2]);  // as the op graph's cast to uint16
      s.keep = TF_TensorData(out[0]);
      parallel_rows((s.entries + 7) / 8, ((Kernel *) kernel)->threads, mask_blocks, &s);
    }
  }
  delete_tensors(in, 3);
  delete_tensors(out, 1);
  TF_DeleteStatus(status);
}

// Runs when TensorFlow's LoadLibrary opens the library; TensorFlow collects what it registers.
__attribute__((constructor)) static void register_dropout_mask(void) {
  static const char *const inputs[] = {"x: float", "seed: int64", "threshold: int32"};
  static const char *const outputs[] = {"keep: bool"};
  TF_Status *status = TF_NewStatus();
  register_op(OP, inputs, 3, outputs, 1, shapes_like_inputs_1, compute, status);
  TF_DeleteStatus(status);
}
