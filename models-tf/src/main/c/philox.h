// TensorFlow's stateless Philox4x32-10, as its StatelessRandomUniformFullInt draws it, for the
// kernels that make dropout masks (dropout_mask.c, attention.c). Its sources define it in
// tensorflow/core/kernels/stateless_random_ops.cc, random_op_cpu.h and
// xla/tsl/lib/random/philox_random.h. The seed (s0, s1) is first run through one block as the
// counter {lo s0, hi s0, lo s1, hi s1} under the key {0x3ec8f720, 0x02461e29}; that block's words
// m0..m3 become the key {m0, m1} and the counter {0, 0, m2, m3}. Block g is generated at that
// counter plus g and yields two int64, each its even word as the low half: so a mask's entry e is
// the (e mod 8)-th little-endian 16-bit piece of block e / 8, kept where that piece ≥ the threshold.
#ifndef RULEBENCH_PHILOX_H
#define RULEBENCH_PHILOX_H

#include <stdint.h>
#include <string.h>

#include "kernel_support.h"

enum { PHILOX_BLOCKS = 16 };  // generated side by side, in vector registers

/** A stream: the key and the upper counter words; block g's counter is {lo g, hi g, m2, m3}. */
typedef struct {
  uint32_t key[2], m2, m3;
} PhiloxStream;

/** philox_blocks in portable C, vectorised by gcc: for CPUs without AVX-512. */
CLONED static void philox_blocks_portable(const PhiloxStream *s, int64_t first, int count,
    uint32_t words[4][PHILOX_BLOCKS]) {
  uint32_t c0[PHILOX_BLOCKS], c1[PHILOX_BLOCKS], c2[PHILOX_BLOCKS], c3[PHILOX_BLOCKS];
  for (int l = 0; l < PHILOX_BLOCKS; l++) {
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
    for (int l = 0; l < PHILOX_BLOCKS; l++) {
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

#ifdef __x86_64__
#include <immintrin.h>

/**
 * philox_blocks_portable's words with AVX-512 products: gcc vectorises its 32 × 32 → 64-bit products
 * for AVX-512 as full 64-bit multiplies (vpmullq, 3.1 ns a block on this EPYC), where vpmuludq
 * multiplies the low halves of 64-bit lanes directly (1.2 ns). So the 16 blocks run as 8 even and 8
 * odd ones, each word in the low half of a 64-bit lane; high halves carry junk that no later step
 * reads (products take low halves, and only low halves are stored).
 */
__attribute__((target("avx512f"))) static void philox_blocks_avx512(const PhiloxStream *s, int64_t first, int count,
    uint32_t words[4][PHILOX_BLOCKS]) {
  int64_t g[PHILOX_BLOCKS];
  for (int l = 0; l < PHILOX_BLOCKS; l++) g[l] = first + (l < count ? l : 0);
  const __m512i low = _mm512_loadu_si512(g), high = _mm512_loadu_si512(g + 8);
  __m512i c0[2], c1[2], c2[2], c3[2];
  c0[0] = _mm512_permutex2var_epi64(low, _mm512_set_epi64(14, 12, 10, 8, 6, 4, 2, 0), high);
  c0[1] = _mm512_permutex2var_epi64(low, _mm512_set_epi64(15, 13, 11, 9, 7, 5, 3, 1), high);
  for (int h = 0; h < 2; h++) {
    c1[h] = _mm512_srli_epi64(c0[h], 32);
    c2[h] = _mm512_set1_epi64(s->m2);
    c3[h] = _mm512_set1_epi64(s->m3);
  }
  const __m512i m0 = _mm512_set1_epi64(0xD2511F53u), m1 = _mm512_set1_epi64(0xCD9E8D57u);
  uint32_t k0 = s->key[0], k1 = s->key[1];
  for (int round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
    const __m512i key0 = _mm512_set1_epi64(k0), key1 = _mm512_set1_epi64(k1);
    for (int h = 0; h < 2; h++) {
      const __m512i p0 = _mm512_mul_epu32(c0[h], m0), p1 = _mm512_mul_epu32(c2[h], m1);
      const __m512i n0 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(p1, 32), c1[h], key0, 0x96);  // a ^ b ^ c
      const __m512i n2 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(p0, 32), c3[h], key1, 0x96);
      c1[h] = p1;
      c3[h] = p0;
      c0[h] = n0;
      c2[h] = n2;
    }
  }
  // each 64-bit lane back to the pair (even block, odd block) of 32-bit lanes: blocks in order
  __m512i *c[4] = {c0, c1, c2, c3};
  for (int w = 0; w < 4; w++) _mm512_storeu_si512(words[w], _mm512_mask_blend_epi32(0xAAAA, c[w][0],
      _mm512_slli_epi64(c[w][1], 32)));
}
#endif

/**
 * Philox4x32-10 of `count` ≤ PHILOX_BLOCKS blocks g = first, first + 1, … of a stream, into
 * words[4][PHILOX_BLOCKS] (word w of block first + l at words[w][l]).
 */
static inline void philox_blocks(const PhiloxStream *s, int64_t first, int count, uint32_t words[4][PHILOX_BLOCKS]) {
#ifdef __x86_64__
  if (__builtin_cpu_supports("avx512f")) {
    philox_blocks_avx512(s, first, count, words);
    return;
  }
#endif
  philox_blocks_portable(s, first, count, words);
}

/** The stream of seed (s0, s1): its scrambling block is block s0 of a stream whose upper counter words are s1's. */
static inline PhiloxStream philox_stream(const int64_t seed[2]) {
  const uint64_t s1 = (uint64_t) seed[1];
  const PhiloxStream scramble = {.key = {0x3ec8f720u, 0x02461e29u}, .m2 = (uint32_t) s1, .m3 = (uint32_t) (s1 >> 32)};
  uint32_t words[4][PHILOX_BLOCKS];
  philox_blocks(&scramble, seed[0], 1, words);
  return (PhiloxStream) {.key = {words[0][0], words[1][0]}, .m2 = words[2][0], .m3 = words[3][0]};
}

/**
 * The 16-bit pieces of blocks first, first + 1, … (count ≤ PHILOX_BLOCKS of them) in entry order:
 * pieces[8·l + i] is piece i of block first + l, which a mask compares with its threshold. All
 * 8·PHILOX_BLOCKS are written; past count they repeat block first's. Inlined into the caller's
 * CLONED loop, so that the reordering runs in its vector registers.
 */
INLINE void philox_pieces(const PhiloxStream *s, int64_t first, int count, uint16_t pieces[8 * PHILOX_BLOCKS]) {
  uint32_t words[4][PHILOX_BLOCKS];
  philox_blocks(s, first, count, words);
  for (int l = 0; l < PHILOX_BLOCKS; l++) {
    for (int piece = 0; piece < 8; piece++) {
      pieces[l * 8 + piece] = (uint16_t) (words[piece / 2][l] >> (16 * (piece % 2)));
    }
  }
}

#endif
