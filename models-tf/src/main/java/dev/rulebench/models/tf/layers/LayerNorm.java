package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Layer normalisation over the last dimension with a learned gain and shift, as PyTorch's {@code
 * nn.LayerNorm}: biased variance, {@code eps} inside the square root.
 */
public final class LayerNorm {

  private final Variable<TFloat32> gain;
  private final Variable<TFloat32> shift;
  private final float eps;

  public LayerNorm(Parameters parameters, int width, double eps) {
    this.gain = parameters.filled("gain", 1f, width);
    this.shift = parameters.filled("shift", 0f, width);
    this.eps = (float) eps;
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> mean = tf.math.mean(x, tf.constant(-1), Mean.keepDims(true));
    Operand<TFloat32> centred = tf.math.sub(x, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), tf.constant(-1), Mean.keepDims(true));
    Operand<TFloat32> normalised = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(eps))));
    return tf.math.add(tf.math.mul(normalised, gain), shift);
  }
}
