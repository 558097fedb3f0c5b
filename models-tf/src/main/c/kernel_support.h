// What RuleBench's TensorFlow kernels share: batch rows run in parallel, the kernel object (the op's
// `threads` attribute), reading inputs, allocating outputs, failing with a message, registering.
#ifndef RULEBENCH_KERNEL_SUPPORT_H
#define RULEBENCH_KERNEL_SUPPORT_H

#include "tensorflow_c_api.h"

/**
 * On a kernel's hot loops: compiled three times, for AVX-512, for AVX2 + FMA and for any x86-64,
 * and the loader picks the best the CPU runs (AVX-512 took the scan's backward pass from 390 to
 * 335 ms on this AMD EPYC).
 */
#define CLONED __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

/** On the helpers of CLONED loops: inlined into each clone, so that each has its own vector code. */
#define INLINE static inline __attribute__((always_inline))

/** Work on batch rows [from, to); returns 0, or nonzero if it failed (out of memory). */
typedef int (*RowWork)(void *context, int64_t from, int64_t to);

/**
 * Runs `work` over `rows` in up to `threads` contiguous slices, the first in the calling thread.
 * Each row is computed by one thread whatever their number, so a kernel whose rows are independent
 * (and whose sums over rows run in row order afterwards) gives the same bits on any thread count.
 * Returns 0 if every slice succeeded.
 */
int parallel_rows(int64_t rows, int threads, RowWork work, void *context);

/** The kernel object TensorFlow keeps per op: the `threads` attribute every RuleBench op has. */
typedef struct {
  int threads;
} Kernel;

/**
 * Fetches inputs 0 … count−1 into `in`, each float32 of the given rank. On a mismatch fails the
 * kernel with "<op>: expects <layout>" and returns 0; the caller still deletes what `in` holds.
 */
int read_inputs(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, const int *ranks,
    const char *op, const char *layout);

/** out = Σ_p partials[p] over count partial sums of `size` floats, added in order p = 0, 1, …. */
void sum_in_order(float *out, const float *partials, int64_t count, int64_t size);

/** Fails the kernel with `message`; returns 0. */
int fail(TF_OpKernelContext *ctx, TF_Status *status, int code, const char *message);

/** Fails the kernel with "<op>: shapes disagree: expects <layout>"; returns 0. */
int fail_shapes(TF_OpKernelContext *ctx, TF_Status *status, const char *op, const char *layout);

/** Deletes the non-null tensors among tensors[0 … count−1]. */
void delete_tensors(TF_Tensor **tensors, int count);

/** Allocates float output `index` (kept in out[index] for the caller to delete); null after failing. */
float *allocate_output(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **out, int index, const int64_t *dims,
    int rank);

/** Shape functions: output i has the shape of input i, for ops with 1, 2, 3, 5, 6 or 8 outputs. */
void shapes_like_inputs_1(TF_ShapeInferenceContext *ctx, TF_Status *status);
void shapes_like_inputs_2(TF_ShapeInferenceContext *ctx, TF_Status *status);
void shapes_like_inputs_3(TF_ShapeInferenceContext *ctx, TF_Status *status);
void shapes_like_inputs_5(TF_ShapeInferenceContext *ctx, TF_Status *status);
void shapes_like_inputs_6(TF_ShapeInferenceContext *ctx, TF_Status *status);
void shapes_like_inputs_8(TF_ShapeInferenceContext *ctx, TF_Status *status);

/**
 * Registers an op and its gradient op `<name>Grad`, which takes the op's inputs and the gradient of
 * its output (inputs[input_count], named e.g. "dy: float") and gives one gradient per input (1, 2,
 * 3, 5, 6 or 8 of them), each shaped as its input.
 */
void register_op_and_gradient(const char *name, const char *const *inputs, int input_count, const char *output,
    void (*shapes)(TF_ShapeInferenceContext *ctx, TF_Status *status),
    void (*compute)(void *kernel, TF_OpKernelContext *ctx), const char *const *gradients,
    void (*compute_gradient)(void *kernel, TF_OpKernelContext *ctx));

/** Registers an op with a `threads: int = 1` attribute, its shape function and its CPU kernel. */
void register_op(const char *name, const char *const *inputs, int input_count, const char *const *outputs,
    int output_count, void (*shapes)(TF_ShapeInferenceContext *ctx, TF_Status *status),
    void (*compute)(void *kernel, TF_OpKernelContext *ctx), TF_Status *status);

#endif
