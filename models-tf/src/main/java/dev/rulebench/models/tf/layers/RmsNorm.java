package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Root-mean-square normalisation over the last dimension with a learned gain (initially 1), as
 * mamba.py's {@code RMSNorm}: {@code x · rsqrt(mean(x²) + eps) · gain}, no centring, no shift.
 */
public final class RmsNorm {

  private final Variable<TFloat32> gain;
  private final float eps;

  public RmsNorm(Parameters parameters, int width, double eps) {
    this.gain = parameters.filled("gain", 1f, width);
    this.eps = (float) eps;
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> meanSquare = tf.math.mean(tf.math.square(x), tf.constant(-1), Mean.keepDims(true));
    return tf.math.mul(tf.math.mul(x, tf.math.rsqrt(tf.math.add(meanSquare, tf.constant(eps)))), gain);
  }
}
