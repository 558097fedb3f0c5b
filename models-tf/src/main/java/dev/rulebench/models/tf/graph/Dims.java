package dev.rulebench.models.tf.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/**
 * Dynamic dimensions as int32 scalars, and shapes assembled from them.
 *
 * <p>A graph-building rule this project learned the hard way: TensorFlow Java's composite helpers
 * that open a sub-scope ({@code Ops.zeros}, {@code Ops.ones}, …) scan every operation already in
 * the graph, so calling them per layer makes graph building quadratic (seconds for a Transformer).
 * Use {@code fill(shape, constant)} and the generated single ops instead.
 */
public final class Dims {

  private Dims() {}

  /** Dimension {@code axis} of {@code x}, a scalar (negative axes count from the end). */
  public static Operand<TInt32> of(Ops tf, Operand<?> x, int axis) {
    Operand<TInt32> shape = tf.shape(x);
    if (axis < 0) {
      return tf.gather(shape, tf.math.add(tf.size(shape), tf.constant(axis)), tf.constant(0));
    }
    return tf.gather(shape, tf.constant(axis), tf.constant(0));
  }

  /** A shape vector from scalar dimensions, e.g. {@code [rows, 64]}. */
  @SafeVarargs
  public static Operand<TInt32> shape(Ops tf, Operand<TInt32>... dimensions) {
    return tf.stack(List.of(dimensions));
  }

  /** A shape vector from scalar dimensions. */
  public static Operand<TInt32> shape(Ops tf, List<Operand<TInt32>> dimensions) {
    return tf.stack(new ArrayList<>(dimensions));
  }
}
