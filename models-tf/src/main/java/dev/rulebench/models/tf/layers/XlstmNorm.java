package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * The xLSTM library's normalisations ({@code LayerNorm} and {@code MultiHeadLayerNorm}): layer
 * normalisation with biased variance, {@code eps} inside the square root, no shift, and a gain
 * stored as an offset from 1 ({@code gain = 1 + w}, w starting at 0), so weight decay pulls the gain
 * towards 1, not 0. With {@code heads > 1} each head's channels are normalised separately (the
 * library's group norm over heads).
 */
public final class XlstmNorm {

  private final int heads;
  private final int width;
  private final Variable<TFloat32> offset;
  private final float eps;

  public XlstmNorm(Parameters parameters, int width, int heads, double eps) {
    if (width % heads != 0) {
      throw new IllegalArgumentException("width " + width + " is not a multiple of " + heads + " heads");
    }
    this.heads = heads;
    this.width = width;
    this.offset = parameters.filled("weight", 0f, width);
    this.eps = (float) eps;
  }

  /**
   * @param rows {@code [N, width]}, the channels of one head contiguous
   * @return {@code [N, width]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> rows) {
    Operand<TFloat32> grouped = heads == 1 ? rows
        : tf.reshape(rows, tf.constant(new int[] {-1, heads, width / heads}));
    Operand<TFloat32> mean = tf.math.mean(grouped, tf.constant(-1), Mean.keepDims(true));
    Operand<TFloat32> centred = tf.math.sub(grouped, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), tf.constant(-1), Mean.keepDims(true));
    Operand<TFloat32> normalised = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(eps))));
    if (heads != 1) {
      normalised = tf.reshape(normalised, tf.constant(new int[] {-1, width}));
    }
    return tf.math.mul(normalised, tf.math.add(offset, tf.constant(1f)));
  }
}
