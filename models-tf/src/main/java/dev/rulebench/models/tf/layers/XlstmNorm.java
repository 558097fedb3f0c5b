package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.graph.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The xLSTM library's normalisations ({@code LayerNorm} and {@code MultiHeadLayerNorm}): layer
 * normalisation with biased variance, {@code eps} inside the square root, no shift, and a gain
 * stored as an offset from 1 ({@code gain = 1 + w}, w starting at 0), so weight decay pulls the gain
 * towards 1, not 0. With {@code heads > 1} each head's channels are normalised separately (the
 * library's group norm over heads).
 */
public final class XlstmNorm {

  private final int heads;
  private final Variable<TFloat32> offset;
  private final float eps;

  public XlstmNorm(Parameters parameters, int width, int heads, double eps) {
    if (width % heads != 0) {
      throw new IllegalArgumentException("width " + width + " is not a multiple of " + heads + " heads");
    }
    this.heads = heads;
    this.offset = parameters.filled("weight", 0f, width);
    this.eps = (float) eps;
  }

  /**
   * The norm as RuleBench's native kernel where {@link NativeKernels#availableFor} the graph, else as
   * ops ({@link #opGraph}).
   *
   * @param rows {@code [N, width]}, the channels of one head contiguous
   * @param differentiated whether training differentiates it; false builds the kernel without its
   *     gradient (evaluation, decoding)
   * @return {@code [N, width]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> rows, boolean differentiated) {
    return NativeKernels.availableFor(tf) ? kernel(tf, rows, offset, heads, eps, differentiated)
        : opGraph(tf, rows, offset, heads, eps);
  }

  /**
   * The norm as one native kernel ({@code models-tf/src/main/c/group_norm.c}), whose gradient op
   * recomputes each group's mean and variance: one pass over the rows each way instead of some 30
   * ops. Needs {@link NativeKernels#available()}.
   *
   * @param offset {@code [width]}, the gain's offset from 1
   */
  public static Operand<TFloat32> kernel(Ops tf, Operand<TFloat32> rows, Operand<TFloat32> offset, int heads,
      float eps, boolean differentiated) {
    Operand<TFloat32> byHead = tf.reshape(offset, tf.constant(new int[] {heads, -1}));
    return NativeKernels.differentiable(tf, NativeKernels.GROUP_NORM, differentiated, List.of(rows, byHead,
        tf.constant(eps)));
  }

  /**
   * The mLSTM layer's output, {@code (norm(rows) + skip·c) · silu(z)}: one native kernel with the
   * norm where {@link NativeKernels#availableFor} the graph, else ops.
   *
   * @param c {@code [N, width]}, the skipped input (the convolution's output)
   * @param z {@code [N, width]}, the gate's input
   * @param skip {@code [width]}, the skip's weights
   */
  public Operand<TFloat32> gated(Ops tf, Operand<TFloat32> rows, Operand<TFloat32> c, Operand<TFloat32> z,
      Operand<TFloat32> skip, boolean differentiated) {
    return NativeKernels.availableFor(tf) ? gatedKernel(tf, rows, offset, heads, eps, c, z, skip, differentiated)
        : gatedOpGraph(tf, rows, offset, heads, eps, c, z, skip);
  }

  /** {@link #gated} as one native kernel ({@code group_norm.c}). Needs {@link NativeKernels#available()}. */
  public static Operand<TFloat32> gatedKernel(Ops tf, Operand<TFloat32> rows, Operand<TFloat32> offset, int heads,
      float eps, Operand<TFloat32> c, Operand<TFloat32> z, Operand<TFloat32> skip, boolean differentiated) {
    Operand<TInt32> byHead = tf.constant(new int[] {heads, -1});
    return NativeKernels.differentiable(tf, NativeKernels.GATED_GROUP_NORM, differentiated, List.of(rows,
        tf.reshape(offset, byHead), tf.constant(eps), c, z, tf.reshape(skip, byHead)));
  }

  /** {@link #gated} as TensorFlow ops: the fallback and the kernel's reference. */
  public static Operand<TFloat32> gatedOpGraph(Ops tf, Operand<TFloat32> rows, Operand<TFloat32> offset, int heads,
      float eps, Operand<TFloat32> c, Operand<TFloat32> z, Operand<TFloat32> skip) {
    Operand<TFloat32> skipped = tf.math.add(opGraph(tf, rows, offset, heads, eps), tf.math.mul(skip, c));
    return tf.math.mul(skipped, Silu.apply(tf, z));
  }

  /** The norm as TensorFlow ops: the fallback (no kernels, or a GPU) and the kernel's reference. */
  public static Operand<TFloat32> opGraph(Ops tf, Operand<TFloat32> rows, Operand<TFloat32> offset, int heads,
      float eps) {
    long width = offset.shape().get(0);
    Operand<TFloat32> grouped = heads == 1 ? rows
        : tf.reshape(rows, tf.constant(new long[] {-1, heads, width / heads}));
    Operand<TFloat32> mean = tf.math.mean(grouped, tf.constant(-1), Mean.keepDims(true));
    Operand<TFloat32> centred = tf.math.sub(grouped, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), tf.constant(-1), Mean.keepDims(true));
    Operand<TFloat32> normalised = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(eps))));
    if (heads != 1) {
      normalised = tf.reshape(normalised, tf.constant(new long[] {-1, width}));
    }
    return tf.math.mul(normalised, tf.math.add(offset, tf.constant(1f)));
  }
}
