// The floor under Mamba's selective scan on this CPU: the paper's ten layers of
// h_t = exp(Δ_t·A)·h_{t−1} + v_t·B_t, y_t = C_t·h_t (v = Δ·x), forward and backward, as one fused
// loop per chain (b, d) whose 16 state entries stay in registers; the backward pass recomputes the
// chain's states instead of keeping them. It is what a native TensorFlow kernel could do at best,
// beside layers/SelectiveScan's op graph. Not part of the build: run by bench/scan-floor.sh.
//
//   scan-floor          times forward and backward at the paper shape (B 128, L 257, D 64, N 16)
//   scan-floor check    compares the backward pass with central differences of the forward pass
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { B = 128, L = 257, D = 64, N = 16, LAYERS = 10, MAX_THREADS = 64 };

// The scan's inputs, or their gradients (same shapes): Δ, v [B][D][L]; B, C [B][L][N]; A [D][N].
typedef struct {
  float *delta, *v, *b, *c, *a;
} Scan;

static float *filled(size_t n, float lo, float hi) {
  float *p = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64);
  for (size_t i = 0; i < n; i++) p[i] = lo + (hi - lo) * (float) rand() / (float) RAND_MAX;
  return p;
}

static size_t chain(int b, int d) { return ((size_t) b * D + d) * L; }
static size_t row(int b, int t) { return ((size_t) b * L + t) * N; }

static void forward(const Scan *in, float *y) {
#pragma omp parallel for schedule(static)
  for (int b = 0; b < B; b++)
    for (int d = 0; d < D; d++) {
      float h[N] = {0};
      const float *dt = in->delta + chain(b, d), *vt = in->v + chain(b, d), *a = in->a + d * N;
      for (int t = 0; t < L; t++) {
        const float *bt = in->b + row(b, t), *ct = in->c + row(b, t);
        float acc = 0;
#pragma omp simd reduction(+ : acc)
        for (int n = 0; n < N; n++) {
          h[n] = expf(dt[t] * a[n]) * h[n] + vt[t] * bt[n];
          acc += ct[n] * h[n];
        }
        y[chain(b, d) + t] = acc;
      }
    }
}

// The adjoint recurrence g_t = C_t·dy_t + a_{t+1}·g_{t+1}, as layers/SelectiveScan writes it.
static void backward(const Scan *in, const float *dy, Scan *out) {
  static float dA[MAX_THREADS][D * N];
  memset(out->b, 0, sizeof(float) * B * L * N);
  memset(out->c, 0, sizeof(float) * B * L * N);
  memset(dA, 0, sizeof dA);
#pragma omp parallel for schedule(static)
  for (int b = 0; b < B; b++) {
    static __thread float hs[L + 1][N], as[L + 1][N];  // one chain's states and decays, 33 KB
    float *myA = dA[omp_get_thread_num()];
    for (int d = 0; d < D; d++) {
      const float *dt = in->delta + chain(b, d), *vt = in->v + chain(b, d), *gy = dy + chain(b, d);
      const float *a = in->a + d * N;
      for (int n = 0; n < N; n++) hs[0][n] = as[L][n] = 0;
      for (int t = 0; t < L; t++) {
        const float *bt = in->b + row(b, t);
#pragma omp simd
        for (int n = 0; n < N; n++) {
          as[t][n] = expf(dt[t] * a[n]);
          hs[t + 1][n] = as[t][n] * hs[t][n] + vt[t] * bt[n];
        }
      }
      float g[N] = {0};
      for (int t = L - 1; t >= 0; t--) {
        const float *bt = in->b + row(b, t), *ct = in->c + row(b, t);
        float *gb = out->b + row(b, t), *gc = out->c + row(b, t);
        float dv = 0, dDelta = 0;
#pragma omp simd reduction(+ : dv, dDelta)
        for (int n = 0; n < N; n++) {
          g[n] = ct[n] * gy[t] + as[t + 1][n] * g[n];
          gc[n] += gy[t] * hs[t + 1][n];
          gb[n] += g[n] * vt[t];
          dv += g[n] * bt[n];
          float dz = g[n] * hs[t][n] * as[t][n];  // dL/d(Δ_t·A)
          dDelta += dz * a[n];
          myA[d * N + n] += dz * dt[t];
        }
        out->v[chain(b, d) + t] = dv;
        out->delta[chain(b, d) + t] = dDelta;
      }
    }
  }
  for (int i = 0; i < D * N; i++) {
    out->a[i] = 0;
    for (int k = 0; k < omp_get_max_threads(); k++) out->a[i] += dA[k][i];
  }
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static Scan inputs(void) {
  // mamba.py's ranges: Δ in [1e-3, 0.1] after softplus, A = −(1…16)
  Scan in = {filled((size_t) B * D * L, 1e-3f, 0.1f), filled((size_t) B * D * L, -1, 1),
      filled((size_t) B * L * N, -1, 1), filled((size_t) B * L * N, -1, 1), filled(D * N, 0, 0)};
  for (int i = 0; i < D * N; i++) in.a[i] = -(float) (i % N + 1);
  return in;
}

static Scan gradients(void) {
  Scan g = {filled((size_t) B * D * L, 0, 0), filled((size_t) B * D * L, 0, 0), filled((size_t) B * L * N, 0, 0),
      filled((size_t) B * L * N, 0, 0), filled(D * N, 0, 0)};
  return g;
}

// Σ y·w in double: the loss whose gradient backward() computes when dy = w.
static double loss(const Scan *in, const float *w, float *y) {
  forward(in, y);
  double s = 0;
  for (size_t i = 0; i < (size_t) B * D * L; i++) s += (double) y[i] * w[i];
  return s;
}

static int check(void) {
  Scan in = inputs();
  Scan out = gradients();
  float *w = filled((size_t) B * D * L, -1, 1), *y = filled((size_t) B * D * L, 0, 0);
  backward(&in, w, &out);
  struct { const char *name; float *x, *g; size_t i; } probes[] = {
      {"dDelta[3,5,200]", in.delta, out.delta, chain(3, 5) + 200}, {"dv[7,1,10]", in.v, out.v, chain(7, 1) + 10},
      {"dB[2,100,4]", in.b, out.b, row(2, 100) + 4}, {"dC[9,256,15]", in.c, out.c, row(9, 256) + 15},
      {"dA[6,3]", in.a, out.a, 6 * N + 3}};
  int failed = 0;
  for (size_t p = 0; p < sizeof probes / sizeof probes[0]; p++) {
    float x0 = probes[p].x[probes[p].i], eps = 1e-2f * fmaxf(fabsf(x0), 1e-2f);
    probes[p].x[probes[p].i] = x0 + eps;
    double up = loss(&in, w, y);
    probes[p].x[probes[p].i] = x0 - eps;
    double down = loss(&in, w, y);
    probes[p].x[probes[p].i] = x0;
    double numeric = (up - down) / (2 * eps), analytic = probes[p].g[probes[p].i];
    int ok = fabs(numeric - analytic) <= 2e-2 * fmax(fabs(numeric), 1e-2);
    failed |= !ok;
    printf("%-16s backward %12.6f  central difference %12.6f  %s\n", probes[p].name, analytic, numeric, ok ? "ok" : "MISMATCH");
  }
  return failed;
}

int main(int argc, char **argv) {
  if (omp_get_max_threads() > MAX_THREADS) omp_set_num_threads(MAX_THREADS);
  if (argc > 1 && strcmp(argv[1], "check") == 0) return check();
  Scan in = inputs();
  Scan out = gradients();
  float *y = filled((size_t) B * D * L, 0, 0), *dy = filled((size_t) B * D * L, -1, 1);
  printf("selective scan, B %d × L %d × D %d × N %d, %d layers, %d threads\n", B, L, D, N, LAYERS, omp_get_max_threads());
  for (int round = 0; round < 5; round++) {
    double t0 = now();
    for (int l = 0; l < LAYERS; l++) forward(&in, y);
    double t1 = now();
    for (int l = 0; l < LAYERS; l++) backward(&in, dy, &out);
    double t2 = now();
    printf("round %d: forward %.0f ms, backward (states recomputed) %.0f ms, together %.0f ms\n", round,
        (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t2 - t0) * 1e3);
  }
  return 0;
}
