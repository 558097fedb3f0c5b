package dev.rulebench.models.tf.decode;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Variables that hold what a decoder carries between tokens. Their shapes change with the batch
 * (and the capacity), so they are created without a fixed shape and reset by assigning zeros of
 * the shape a batch needs. They are not parameters: checkpoints and optimizers ignore them.
 */
public final class CarriedState {

  private final Ops tf;
  private final List<Op> resets = new ArrayList<>();

  public CarriedState(Ops tf) {
    this.tf = tf;
  }

  /**
   * A state variable that {@link #reset()} fills with zeros of {@code shape}.
   *
   * @param shape the dimensions at reset time, e.g. {@code [rows, hidden]}; it may use the
   *     decoder's row and capacity tensors
   */
  public Variable<TFloat32> zeros(String name, Operand<TInt32> shape) {
    Variable<TFloat32> variable = tf.withName(name).variable(Shape.unknown(), TFloat32.class);
    resets.add(tf.assign(variable, tf.fill(shape, tf.constant(0f)), Assign.validateShape(false)));
    return variable;
  }

  /** One op that resets every variable made here. */
  public Op reset() {
    return tf.withControlDependencies(resets).noOp();
  }
}
