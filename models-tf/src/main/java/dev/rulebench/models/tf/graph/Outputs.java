package dev.rulebench.models.tf.graph;

import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/** Small facts about graph outputs that TensorFlow Java does not answer directly. */
public final class Outputs {

  private Outputs() {}

  /**
   * Whether an output exists. Gradients that do not exist (a variable the loss does not reach, an
   * op output nothing downstream uses) arrive as outputs of a null operation.
   */
  public static boolean exists(Output<?> output) {
    return output != null && output.op() instanceof GraphOperation operation
        && operation.getUnsafeNativeHandle() != null && !operation.getUnsafeNativeHandle().isNull();
  }
}
