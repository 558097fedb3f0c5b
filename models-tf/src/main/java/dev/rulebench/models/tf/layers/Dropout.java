package dev.rulebench.models.tf.layers;

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
 * <p>For large tensors that feed a linear map, {@link #dropUnscaled} zeroes without scaling, and
 * the caller folds {@link #scale} into the (small) weights or values on the other side of the
 * product: one pass over the large tensor instead of two.
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
   * #scale} elsewhere. Returns {@code x} when dropout is off.
   */
  public static Operand<TFloat32> dropUnscaled(Ops tf, Mode mode, Operand<TFloat32> x, double rate) {
    if (!active(mode, rate)) {
      return x;
    }
    // x times a 1/0 mask: its gradient is one multiplication, where a select's needs two selects
    return tf.math.mul(x, tf.select(keep(tf, mode, x, rate), tf.constant(1f), tf.constant(0f)));
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

  /** A mask of x's shape, true where an entry survives; only when {@link #active}. */
  public static Operand<TBool> keep(Ops tf, Mode mode, Operand<TFloat32> x, double rate) {
    Operand<TInt64> seed = mode.nextSiteSeed(tf);
    Operand<TInt64> shape = tf.shape(x, TInt64.class);
    Operand<TInt64> entries = tf.reshape(tf.prod(shape, tf.constant(0)), tf.constant(new long[] {1}));
    Operand<TInt64> draws = tf.math.floorDiv(tf.math.add(entries, tf.constant(3L)), tf.constant(4L));
    Operand<TInt64> bits = tf.random.statelessRandomUniformFullInt(draws, seed, TInt64.class);
    // four 16-bit integers per draw; the prefix slice of a vector shares its buffer
    Operand<TUint16> halves = tf.slice(tf.reshape(tf.bitcast(bits, TUint16.class), tf.constant(new long[] {-1})),
        tf.constant(new long[] {0}), entries);
    Operand<TUint16> threshold = tf.dtypes.cast(tf.constant((int) Math.round(rate * 65536)), TUint16.class);
    return tf.reshape(tf.math.greaterEqual(halves, threshold), shape);
  }
}
