#include "kernel_support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_THREADS = 64 };

typedef struct {
  RowWork work;
  void *context;
  int64_t from, to;
  int failed;
} Slice;

static void *run_slice(void *arg) {
  Slice *slice = arg;
  slice->failed = slice->work(slice->context, slice->from, slice->to);
  return NULL;
}

int parallel_rows(int64_t rows, int threads, RowWork work, void *context) {
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  if (threads > rows) threads = (int) rows;
  if (threads < 1) threads = 1;
  Slice slices[MAX_THREADS];
  pthread_t workers[MAX_THREADS];
  int started[MAX_THREADS] = {0};
  for (int k = 0; k < threads; k++) {
    slices[k] = (Slice) {work, context, rows * k / threads, rows * (k + 1) / threads, 0};
  }
  for (int k = 1; k < threads; k++) {
    started[k] = pthread_create(&workers[k], NULL, run_slice, &slices[k]) == 0;
    if (!started[k]) run_slice(&slices[k]);
  }
  run_slice(&slices[0]);
  int failed = slices[0].failed;
  for (int k = 1; k < threads; k++) {
    if (started[k]) pthread_join(workers[k], NULL);
    failed |= slices[k].failed;
  }
  return failed;
}

int fail(TF_OpKernelContext *ctx, TF_Status *status, int code, const char *message) {
  TF_SetStatus(status, code, message);
  TF_OpKernelContext_Failure(ctx, status);
  return 0;
}

void sum_in_order(float *out, const float *partials, int64_t count, int64_t size) {
  memset(out, 0, sizeof(float) * (size_t) size);
  for (int64_t p = 0; p < count; p++) {
    for (int64_t k = 0; k < size; k++) out[k] += partials[p * size + k];
  }
}

int fail_shapes(TF_OpKernelContext *ctx, TF_Status *status, const char *op, const char *layout) {
  char message[512];
  snprintf(message, sizeof message, "%s: shapes disagree: expects %s", op, layout);
  return fail(ctx, status, TF_INVALID_ARGUMENT, message);
}

void delete_tensors(TF_Tensor **tensors, int count) {
  for (int i = 0; i < count; i++) {
    if (tensors[i] != NULL) TF_DeleteTensor(tensors[i]);
  }
}

int read_inputs(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **in, int count, const int *ranks,
    const char *op, const char *layout) {
  char message[512];
  for (int i = 0; i < count; i++) {
    TF_GetInput(ctx, i, &in[i], status);
    if (TF_GetCode(status) != TF_OK) {
      TF_OpKernelContext_Failure(ctx, status);
      return 0;
    }
    if (TF_TensorType(in[i]) != TF_FLOAT) {
      snprintf(message, sizeof message, "%s: expects float32 %s; input %d is not float32", op, layout, i);
      return fail(ctx, status, TF_INVALID_ARGUMENT, message);
    }
    if (TF_NumDims(in[i]) != ranks[i]) {
      snprintf(message, sizeof message, "%s: expects %s; input %d has rank %d, not %d", op, layout, i,
          TF_NumDims(in[i]), ranks[i]);
      return fail(ctx, status, TF_INVALID_ARGUMENT, message);
    }
  }
  return 1;
}

float *allocate_output(TF_OpKernelContext *ctx, TF_Status *status, TF_Tensor **out, int index, const int64_t *dims,
    int rank) {
  size_t count = 1;
  for (int k = 0; k < rank; k++) count *= (size_t) dims[k];
  out[index] = TF_AllocateOutput(ctx, index, TF_FLOAT, dims, rank, count * sizeof(float), status);
  if (TF_GetCode(status) != TF_OK) {
    TF_OpKernelContext_Failure(ctx, status);
    return NULL;
  }
  // an empty tensor has no data; the kernels write nothing to it, but null means failure here
  static float empty;
  float *data = TF_TensorData(out[index]);
  return data != NULL ? data : &empty;
}

static void *create_kernel(TF_OpKernelConstruction *ctx) {
  Kernel *kernel = calloc(1, sizeof(Kernel));
  TF_Status *status = TF_NewStatus();
  int32_t threads = 1;
  TF_OpKernelConstruction_GetAttrInt32(ctx, "threads", &threads, status);
  if (TF_GetCode(status) != TF_OK) {
    TF_OpKernelConstruction_Failure(ctx, status);
  }
  if (kernel != NULL) kernel->threads = threads;
  TF_DeleteStatus(status);
  return kernel;
}

static void delete_kernel(void *kernel) { free(kernel); }

/** Output i has the shape of input i (for as many outputs as the op has). */
static void same_shapes(TF_ShapeInferenceContext *ctx, TF_Status *status, int outputs) {
  TF_ShapeHandle *shape = TF_NewShapeHandle();
  for (int i = 0; i < outputs && TF_GetCode(status) == TF_OK; i++) {
    TF_ShapeInferenceContextGetInput(ctx, i, shape, status);
    if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSetOutput(ctx, i, shape, status);
  }
  TF_DeleteShapeHandle(shape);
}

// TensorFlow's shape functions take no user data, hence one per output count
void shapes_like_inputs_1(TF_ShapeInferenceContext *ctx, TF_Status *status) { same_shapes(ctx, status, 1); }
void shapes_like_inputs_2(TF_ShapeInferenceContext *ctx, TF_Status *status) { same_shapes(ctx, status, 2); }
void shapes_like_inputs_3(TF_ShapeInferenceContext *ctx, TF_Status *status) { same_shapes(ctx, status, 3); }
void shapes_like_inputs_5(TF_ShapeInferenceContext *ctx, TF_Status *status) { same_shapes(ctx, status, 5); }
void shapes_like_inputs_6(TF_ShapeInferenceContext *ctx, TF_Status *status) { same_shapes(ctx, status, 6); }
void shapes_like_inputs_8(TF_ShapeInferenceContext *ctx, TF_Status *status) { same_shapes(ctx, status, 8); }

void register_op(const char *name, const char *const *inputs, int input_count, const char *const *outputs,
    int output_count, void (*shapes)(TF_ShapeInferenceContext *, TF_Status *),
    void (*compute)(void *, TF_OpKernelContext *), TF_Status *status) {
  TF_OpDefinitionBuilder *op = TF_NewOpDefinitionBuilder(name);
  for (int i = 0; i < input_count; i++) TF_OpDefinitionBuilderAddInput(op, inputs[i]);
  for (int i = 0; i < output_count; i++) TF_OpDefinitionBuilderAddOutput(op, outputs[i]);
  TF_OpDefinitionBuilderAddAttr(op, "threads: int = 1");
  TF_OpDefinitionBuilderSetShapeInferenceFunction(op, shapes);
  TF_RegisterOpDefinition(op, status);
  if (TF_GetCode(status) != TF_OK) {
    fprintf(stderr, "RuleBench: registering op %s failed\n", name);
    return;
  }
  TF_RegisterKernelBuilder(name, TF_NewKernelBuilder(name, "CPU", create_kernel, compute, delete_kernel), status);
  if (TF_GetCode(status) != TF_OK) fprintf(stderr, "RuleBench: registering the kernel of %s failed\n", name);
}

void register_op_and_gradient(const char *name, const char *const *inputs, int input_count, const char *output,
    void (*shapes)(TF_ShapeInferenceContext *, TF_Status *), void (*compute)(void *, TF_OpKernelContext *),
    const char *const *gradients, void (*compute_gradient)(void *, TF_OpKernelContext *)) {
  void (*gradient_shapes)(TF_ShapeInferenceContext *, TF_Status *) = input_count == 1 ? shapes_like_inputs_1
      : input_count == 2 ? shapes_like_inputs_2 : input_count == 3 ? shapes_like_inputs_3
      : input_count == 5 ? shapes_like_inputs_5 : input_count == 6 ? shapes_like_inputs_6
      : input_count == 8 ? shapes_like_inputs_8 : NULL;
  char gradient_name[128];
  snprintf(gradient_name, sizeof gradient_name, "%sGrad", name);
  TF_Status *status = TF_NewStatus();
  if (gradient_shapes == NULL) {
    fprintf(stderr, "RuleBench: %s: gradients of %d inputs are not supported\n", name, input_count);
  } else {
    register_op(name, inputs, input_count, &output, 1, shapes, compute, status);
    if (TF_GetCode(status) == TF_OK) {
      register_op(gradient_name, inputs, input_count + 1, gradients, input_count, gradient_shapes, compute_gradient,
          status);
    }
  }
  TF_DeleteStatus(status);
}
