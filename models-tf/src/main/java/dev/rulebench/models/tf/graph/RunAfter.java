package dev.rulebench.models.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * A value that is not computed before another op has run: how a hand-written backward pass keeps
 * TensorFlow from computing what it recomputes (or copies) for the whole network as soon as the
 * forward pass ends, long before the gradient reaches it.
 *
 * <p>{@code Ops.withControlDependencies} cannot do this inside a gradient function: there the scope
 * is TensorFlow Java's native scope, whose control dependencies the ops it builds never receive
 * (they are built through the C API, not the native scope). This adds the control input to the op
 * itself.
 */
public final class RunAfter {

  private RunAfter() {}

  /** {@code x} itself (an {@code Identity}, no copy), available only after {@code first} has run. */
  public static <T extends TType> Operand<T> after(Ops tf, Operand<T> x, Op first) {
    return tf.scope().opBuilder("Identity", "Identity")
        .addInput(x.asOutput())
        .addControlInput(first.op())
        .build()
        .<T>output(0);
  }
}
