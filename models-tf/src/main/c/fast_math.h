// Float exp, log and the gates built on them, as inline functions that gcc vectorises in the
// kernels' `omp simd` loops (glibc's expf and logf do not vectorise without -ffast-math, and their
// vector forms would tie results to the glibc version). Cephes' single-precision polynomials, to
// about 2 ulp. NaN in gives NaN out, so that a diverged model's loss turns NaN and the trainer
// stops it (min and max are written as comparisons, which keep NaN where fminf would drop it).
#ifndef RULEBENCH_FAST_MATH_H
#define RULEBENCH_FAST_MATH_H

#include <stdint.h>
#include <string.h>

static inline float bits_to_float(int32_t bits) {
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

static inline int32_t float_to_bits(float f) {
  int32_t bits;
  memcpy(&bits, &f, sizeof bits);
  return bits;
}

/** e^x; 0 below −87.3, where a float underflows, and +∞ above 88.7, where it overflows. */
static inline float fast_exp(float x) {
  float clamped = x < -87.3f ? -87.3f : x > 88.0f ? 88.0f : x;
  // round to nearest: adding and subtracting 1.5·2^23 drops the fraction (vectorises, unlike roundf)
  float k = (clamped * 1.44269504f + 12582912.0f) - 12582912.0f;
  float r = clamped - k * 0.693359375f + k * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  float y = p * bits_to_float(((int32_t) k + 127) << 23);
  return x < -87.3f ? 0.0f : x > 88.7f ? __builtin_inff() : y;
}

/** ln x for a positive, normal x. */
static inline float fast_log(float x) {
  int32_t bits = float_to_bits(x);
  float e = (float) ((bits >> 23) - 126);
  float m = bits_to_float((bits & 0x007fffff) | 0x3f000000);  // x = m·2^e, m in [0.5, 1)
  int below = m < 0.70710678f;
  e = below ? e - 1.0f : e;
  m = below ? m + m - 1.0f : m - 1.0f;
  float z = m * m;
  float y = 7.0376836292e-2f;
  y = y * m - 1.1514610310e-1f;
  y = y * m + 1.1676998740e-1f;
  y = y * m - 1.2420140846e-1f;
  y = y * m + 1.4249322787e-1f;
  y = y * m - 1.6668057665e-1f;
  y = y * m + 2.0000714765e-1f;
  y = y * m - 2.4999993993e-1f;
  y = y * m + 3.3333331174e-1f;
  y = y * m * z - 2.12194440e-4f * e - 0.5f * z;
  return x != x ? x : m + y + 0.693359375f * e;  // NaN stays NaN (its bits would read as a number)
}

/** σ(x) = 1 / (1 + e^−x). */
static inline float fast_sigmoid(float x) { return 1.0f / (1.0f + fast_exp(-x)); }

/** The derivative of silu z = z·σ(z), given σ(z). */
static inline __attribute__((always_inline)) float silu_slope(float z, float sigmoid) {
  return sigmoid * (1.0f + z * (1.0f - sigmoid));
}

/** log σ(x) = min(x, 0) − ln(1 + e^−|x|), without overflow at either end. */
static inline float fast_log_sigmoid(float x) {
  return (x < 0.0f ? x : 0.0f) - fast_log(1.0f + fast_exp(-__builtin_fabsf(x)));
}

/** tanh x = 2σ(2x) − 1: to about 2 ulp of 1, so within 6e-8 absolute (not relative) near 0. */
static inline float fast_tanh(float x) { return 2.0f * fast_sigmoid(2.0f * x) - 1.0f; }

#endif
