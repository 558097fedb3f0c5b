package dev.rulebench.models.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SiLU (swish), {@code x · σ(x)}, as TensorFlow ops: the activation of Mamba's and the xLSTM's
 * convolutions and gates wherever a native kernel does not compute it inside.
 */
public final class Silu {

  private Silu() {}

  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return tf.math.mul(x, tf.math.sigmoid(x));
  }
}
