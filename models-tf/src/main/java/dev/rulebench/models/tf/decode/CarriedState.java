package dev.rulebench.models.tf.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Variables that hold what a decoder carries between tokens. Their shapes change with the batch
 * (and the capacity), so they are created without a fixed shape and reset by assigning zeros of
 * the shape a batch needs, or values derived from the weights. They are not parameters:
 * checkpoints and optimizers ignore them.
 */
public final class CarriedState {

  private static final AtomicLong SHARED_NAMES = new AtomicLong();

  private final Ops tf;
  private final List<Op> resets = new ArrayList<>();

  public CarriedState(Ops tf) {
    this.tf = tf;
  }

  /**
   * A reference variable that {@link #reset()} fills with zeros of {@code shape}, for a cache that
   * a decoder writes in place one position at a time ({@code ScatterUpdate}).
   *
   * @param shape the dimensions at reset time, e.g. {@code [rows, hidden]}; it may use the
   *     decoder's row and capacity tensors
   */
  public Variable<TFloat32> zeros(String name, Operand<TInt32> shape) {
    Variable<TFloat32> variable = tf.withName(name).variable(Shape.unknown(), TFloat32.class);
    resets.add(tf.assign(variable, tf.fill(shape, tf.constant(0f)), Assign.validateShape(false)));
    return variable;
  }

  /**
   * A variable that {@link #reset()} sets to {@code value}: something derived from the weights
   * once per batch instead of once per token (weights do not change while decoding).
   */
  public Variable<TFloat32> derived(String name, Operand<TFloat32> value) {
    Variable<TFloat32> variable = tf.withName(name).variable(Shape.unknown(), TFloat32.class);
    resets.add(tf.assign(variable, value, Assign.validateShape(false)));
    return variable;
  }

  /**
   * A state tensor that every token replaces whole (a recurrent state, a convolution window),
   * which {@link #reset()} fills with zeros of {@code shape}. It lives in a resource variable, not
   * a reference one like {@link #zeros}: TensorFlow's {@code Assign} copies a new value into the
   * old buffer, while {@code AssignVariableOp} takes over the new value's buffer when nothing
   * else still reads it, which a {@link Carried#store} after the step's logits arranges. For the
   * xLSTM's matrix memories that is 4 MB per block and token not copied.
   */
  public Carried carried(String name, Operand<TInt32> shape) {
    // an empty shared name would make every handle of the session one variable
    Operand<? extends TType> handle = tf.withName(name).varHandleOp(TFloat32.class, Shape.unknown(),
        VarHandleOp.sharedName(name + "#" + SHARED_NAMES.incrementAndGet()));
    resets.add(tf.assignVariableOp(handle, tf.fill(shape, tf.constant(0f))));
    return new Carried(handle);
  }

  /** A resource variable made by {@link #carried}: read it, then store its next value. */
  public static final class Carried {

    private final Operand<? extends TType> handle;

    private Carried(Operand<? extends TType> handle) {
      this.handle = handle;
    }

    /** The value at the start of this token. */
    public Operand<TFloat32> read(Ops scope) {
      return scope.readVariableOp(handle, TFloat32.class);
    }

    /**
     * Replaces the value. Give {@code scope} a control dependency on everything that reads the
     * old value, so that the store is the new value's last reader and the variable can adopt its
     * buffer.
     */
    public Op store(Ops scope, Operand<TFloat32> value) {
      return scope.assignVariableOp(handle, value);
    }
  }

  /** One op that resets every variable made here. */
  public Op reset() {
    return tf.withControlDependencies(resets).noOp();
  }
}
