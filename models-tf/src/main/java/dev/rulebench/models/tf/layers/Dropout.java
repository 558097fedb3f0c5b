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
 */
public final class Dropout {

  private Dropout() {}

  /** {@code x} with dropout applied when {@code mode} trains and the rate is positive. */
  public static Operand<TFloat32> apply(Ops tf, Mode mode, Operand<TFloat32> x, double rate) {
    if (!mode.training() || rate <= 0) {
      return x;
    }
    if (rate >= 1) {
      throw new IllegalArgumentException("dropout rate must be below 1, was " + rate);
    }
    Operand<TInt64> seed = mode.nextSiteSeed(tf);
    Operand<TInt64> shape = tf.shape(x, TInt64.class);
    Operand<TInt64> entries = tf.reshape(tf.prod(shape, tf.constant(0)), tf.constant(new long[] {1}));
    Operand<TInt64> draws = tf.math.floorDiv(tf.math.add(entries, tf.constant(3L)), tf.constant(4L));
    Operand<TInt64> bits = tf.random.statelessRandomUniformFullInt(draws, seed, TInt64.class);
    // four 16-bit integers per draw; the prefix slice of a vector shares its buffer
    Operand<TUint16> halves = tf.slice(tf.reshape(tf.bitcast(bits, TUint16.class), tf.constant(new long[] {-1})),
        tf.constant(new long[] {0}), entries);
    Operand<TUint16> threshold = tf.dtypes.cast(tf.constant((int) Math.round(rate * 65536)), TUint16.class);
    Operand<TBool> keep = tf.reshape(tf.math.greaterEqual(halves, threshold), shape);
    Operand<TFloat32> mask = tf.select(keep, tf.constant((float) (1 / (1 - rate))), tf.constant(0f));
    return tf.math.mul(x, mask);
  }
}
