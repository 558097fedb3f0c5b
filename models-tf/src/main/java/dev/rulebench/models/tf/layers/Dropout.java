package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.ManualGradient;
import dev.rulebench.models.tf.graph.NativeKernels;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint16;

/**
 * Inverted dropout as PyTorch defines it: each entry is zeroed with probability {@code rate} and the
 * survivors are scaled by {@code 1/(1−rate)}.
 *
 * <p>Random numbers dominate dropout's cost on a CPU, so each 64-bit draw of the stateless Philox
 * generator serves four entries: it is reinterpreted as four 16-bit integers, and an entry is
 * dropped when its integer is below {@code round(rate · 65536)}. The drop probability is thus
 * {@code rate} to within 2⁻¹⁷ (0.1 → 0.100006), at half the generator work of one float per entry.
 *
 * <p>For large tensors that feed a linear map, {@link #dropUnscaledNonNegative} and {@link
 * #zeroUnkept} zero without scaling, and the caller folds {@link #scale} into the (small) weights
 * or values on the other side of the product: one pass over the large tensor instead of two.
 */
public final class Dropout {

  private Dropout() {}

  /** {@code x} with dropout applied when {@code mode} trains and the rate is positive. */
  public static Operand<TFloat32> apply(Ops tf, Mode mode, Operand<TFloat32> x, double rate) {
    if (!active(mode, rate)) {
      return x;
    }
    return tf.math.mul(x, tf.select(keep(tf, mode, x, rate), tf.constant(scale(rate)), tf.constant(0f)));
  }

  /**
   * {@code x} with dropped entries zeroed but survivors not scaled; the caller multiplies by {@link
   * #scale} elsewhere. For non-negative {@code x} whose zero entries get no gradient downstream
   * (softmax weights: the softmax's gradient scales each entry's gradient by the entry), as {@link
   * #zeroUnkept} explains. Returns {@code x} when dropout is off.
   */
  public static Operand<TFloat32> dropUnscaledNonNegative(Ops tf, Mode mode, Operand<TFloat32> x, double rate) {
    if (!active(mode, rate)) {
      return x;
    }
    return zeroUnkept(tf, keep(tf, mode, x, rate), x);
  }

  /**
   * {@code x} where {@code kept}, else 0, for training: its gradient passes where the result is
   * positive, which is ReLU's gradient read off the result. That is exact when every kept entry of
   * {@code x} is positive (ReLU's inputs, {@code kept} including {@code x > 0}), and also when a
   * kept zero entry's gradient is multiplied by zero downstream anyway (softmax weights). The point
   * is memory: the result is kept for the following product's gradient anyway, while {@code x}
   * times a 1/0 mask keeps that mask, as large as {@code x}, alive until the backward pass (135 MB
   * per Transformer layer's feed-forward at paper scale, 105 MB per layer's attention weights).
   */
  public static Operand<TFloat32> zeroUnkept(Ops tf, Operand<TBool> kept, Operand<TFloat32> x) {
    return withReluGradient(tf, x, tf.select(kept, x, tf.constant(0f)));
  }

  /** {@code result}, computed from {@code x}, with ReLU's gradient read off {@code result}. */
  private static Operand<TFloat32> withReluGradient(Ops tf, Operand<TFloat32> x, Operand<TFloat32> result) {
    return ManualGradient.attach(tf, List.of(x), List.of(result), (g, upstream) ->
        Collections.singletonList(upstream.get(0) == null ? null : g.nn.reluGrad(upstream.get(0), result))).get(0);
  }

  /**
   * {@code x} where it is positive and survives, else 0, unscaled (as {@link #zeroUnkept}, whose
   * gradient it has): ReLU and dropout in one. Only when {@link #active}. The native kernel
   * ({@code dropout_mask.c}) where {@link NativeKernels#availableFor} the graph, else the op graph
   * of {@link #keep}; the same bits.
   */
  public static Operand<TFloat32> reluDropped(Ops tf, Mode mode, Operand<TFloat32> x, double rate) {
    if (!NativeKernels.availableFor(tf)) {
      return zeroUnkept(tf, tf.math.logicalAnd(tf.math.greater(x, tf.constant(0f)), keep(tf, mode, x, rate)), x);
    }
    Operand<TFloat32> result = NativeKernels.op(tf, NativeKernels.RELU_DROPOUT, NativeKernels.threads(), x,
        mode.nextSiteSeed(tf), tf.constant(threshold(rate))).output(0);
    return withReluGradient(tf, x, result);
  }

  /** Whether dropout does anything in this mode at this rate. */
  public static boolean active(Mode mode, double rate) {
    if (rate >= 1) {
      throw new IllegalArgumentException("dropout rate must be below 1, was " + rate);
    }
    return mode.training() && rate > 0;
  }

  /** The survivors' factor {@code 1/(1−rate)}. */
  public static float scale(double rate) {
    return (float) (1 / (1 - rate));
  }

  /**
   * A mask of x's shape, true where an entry survives; only when {@link #active}. The native kernel
   * ({@code models-tf/src/main/c/dropout_mask.c}) where {@link NativeKernels#availableFor} the graph,
   * else the op graph; the two masks are the same bits.
   */
  public static Operand<TBool> keep(Ops tf, Mode mode, Operand<TFloat32> x, double rate) {
    Operand<TInt64> seed = mode.nextSiteSeed(tf);
    int threshold = threshold(rate);
    return NativeKernels.availableFor(tf) ? keepKernel(tf, x, seed, threshold) : keepOpGraph(tf, x, seed, threshold);
  }

  /** The 16-bit integer below which an entry is dropped: {@code round(rate · 65536)}. */
  public static int threshold(double rate) {
    return (int) Math.round(rate * 65536);
  }

  /** The mask as RuleBench's native kernel. Needs {@link NativeKernels#available()}. */
  public static Operand<TBool> keepKernel(Ops tf, Operand<TFloat32> x, Operand<TInt64> seed, int threshold) {
    return NativeKernels.op(tf, NativeKernels.DROPOUT_MASK, NativeKernels.threads(), x, seed, tf.constant(threshold))
        .<TBool>output(0);
  }

  /**
   * The mask as ops: {@code ⌈n/4⌉} 64-bit draws of TensorFlow's stateless Philox read as 16-bit
   * integers, entry e kept where the e-th is at least {@code threshold} (taken modulo 2¹⁶).
   */
  public static Operand<TBool> keepOpGraph(Ops tf, Operand<TFloat32> x, Operand<TInt64> seed, int threshold) {
    Operand<TInt64> shape = tf.shape(x, TInt64.class);
    Operand<TInt64> entries = tf.reshape(tf.prod(shape, tf.constant(0)), tf.constant(new long[] {1}));
    Operand<TInt64> draws = tf.math.floorDiv(tf.math.add(entries, tf.constant(3L)), tf.constant(4L));
    Operand<TInt64> bits = tf.random.statelessRandomUniformFullInt(draws, seed, TInt64.class);
    // four 16-bit integers per draw; the prefix slice of a vector shares its buffer
    Operand<TUint16> halves = tf.slice(tf.reshape(tf.bitcast(bits, TUint16.class), tf.constant(new long[] {-1})),
        tf.constant(new long[] {0}), entries);
    Operand<TUint16> bound = tf.dtypes.cast(tf.constant(threshold), TUint16.class);
    return tf.reshape(tf.math.greaterEqual(halves, bound), shape);
  }
}
