package dev.rulebench.models.tf.graph;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Batched matrix products as {@code BatchMatMulV2} operations, differentiated into the same.
 *
 * <p>TensorFlow Java 1.1.0 generates only {@code BatchMatMulV3} ({@code tf.train.batchMatMul}),
 * which TensorFlow's CPU build runs with Eigen kernels compiled without AVX2; the oneDNN graph
 * rewrite replaces {@code BatchMatMulV2} with its own kernel, which picks AVX-512 at run time:
 * 1.5–2.5× faster on the thin products of attention (measured on this project's machine: scores
 * {@code [640, 64, 2]·[640, 2, 257]} 5.7 → 4.0 ms, context {@code [640, 64, 257]·[640, 257, 2]}
 * 9.0 → 3.5 ms). Not on tiny products (a few KB, as in Mamba's scan or one decoding step), where
 * oneDNN's fixed cost per call loses: those stay on {@code tf.train.batchMatMul}.
 *
 * <p>TensorFlow's own gradient of {@code BatchMatMulV2} is built of V3 products again, and a second
 * gradient for an op type that has one is refused, so a differentiated product carries its
 * gradient through {@link ManualGradient}.
 */
public final class BatchProducts {

  private BatchProducts() {}

  /**
   * {@code op(x) · op(y)} over the leading batch dimensions, where {@code op} transposes the last
   * two dimensions when asked.
   *
   * @param differentiated whether the training step will ask for this product's gradient: it is
   *     then made of the same fast products (x and y must have equal batch dimensions, no
   *     broadcasting); otherwise TensorFlow's own gradient would apply, if ever asked
   */
  public static Operand<TFloat32> product(Ops tf, Operand<TFloat32> x, boolean adjointX, Operand<TFloat32> y,
      boolean adjointY, boolean differentiated) {
    Operand<TFloat32> z = raw(tf, x, adjointX, y, adjointY);
    if (!differentiated) {
      return z;
    }
    if (x.shape().numDimensions() != y.shape().numDimensions()) {
      throw new IllegalArgumentException("a differentiated batch product needs equal ranks, not " + x.shape()
          + " and " + y.shape());
    }
    return ManualGradient.attach(tf, List.of(x, y), List.of(z), (g, upstream) -> {
      Operand<TFloat32> dz = upstream.get(0);
      if (dz == null) {
        return Arrays.asList(null, null);
      }
      // the gradients of TensorFlow's MatMulGradCommon, one case per pair of transposes
      if (!adjointX && !adjointY) {
        return List.of(raw(g, dz, false, y, true), raw(g, x, true, dz, false));
      } else if (!adjointX) {
        return List.of(raw(g, dz, false, y, false), raw(g, dz, true, x, false));
      } else if (!adjointY) {
        return List.of(raw(g, y, false, dz, true), raw(g, x, false, dz, false));
      }
      return List.of(raw(g, y, true, dz, true), raw(g, dz, true, x, true));
    }).get(0);
  }

  private static Operand<TFloat32> raw(Ops tf, Operand<TFloat32> x, boolean adjointX, Operand<TFloat32> y,
      boolean adjointY) {
    return tf.scope().opBuilder("BatchMatMulV2", "BatchMatMulV2")
        .addInput(x.asOutput())
        .addInput(y.asOutput())
        .setAttr("adj_x", adjointX)
        .setAttr("adj_y", adjointY)
        .build()
        .<TFloat32>output(0);
  }
}
