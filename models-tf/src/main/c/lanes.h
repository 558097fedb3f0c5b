// 16 floats as one value, the unit of the kernels' vector loops (mlstm.c, slstm.c, attention.c):
// one AVX-512 register, two AVX2 ones. Loops keep their running sums in these registers instead of
// in memory, and sum a vector's lanes in one fixed tree (total): gcc's own reductions of `omp simd`
// loops added the 16 lanes one after another through the stack, which took most of the mLSTM's
// backward pass.
#ifndef RULEBENCH_LANES_H
#define RULEBENCH_LANES_H

#include <stdint.h>
#include <string.h>

enum { LANES = 16 };
typedef float lanes __attribute__((vector_size(LANES * sizeof(float))));

static inline lanes load(const float *p) {
  lanes v;
  memcpy(&v, p, sizeof v);
  return v;
}

static inline void store(float *p, lanes v) { memcpy(p, &v, sizeof v); }

/** The sum of the lanes: halves added pairwise, in the same order every time. */
static inline float total(lanes v) {
  float half[8], quarter[4];
  for (int l = 0; l < 8; l++) half[l] = v[l] + v[l + 8];
  for (int l = 0; l < 4; l++) quarter[l] = half[l] + half[l + 4];
  return (quarter[0] + quarter[2]) + (quarter[1] + quarter[3]);
}

/** Σ x_i y_i over p floats, p a multiple of LANES. */
static inline float dot(const float *x, const float *y, int64_t p) {
  lanes sum = {0};
  for (int64_t i = 0; i < p; i += LANES) sum += load(x + i) * load(y + i);
  return total(sum);
}

/** Σ x_i y_i over n floats: as dot() where n is a multiple of LANES, else one by one. */
static inline float dot_any(const float *x, const float *y, int64_t n) {
  if (n % LANES == 0) return dot(x, y, n);
  float sum = 0;
  for (int64_t i = 0; i < n; i++) sum += x[i] * y[i];
  return sum;
}

#endif
