package dev.rulebench.models.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * Whether a forward pass trains (dropout on) or evaluates (dropout off), and, when training, the
 * seed its dropout masks come from.
 *
 * <p>The seed is a {@code [2]} int64 tensor fed at every step (derived from the run seed and the
 * step number), so a resumed run draws exactly the masks an uninterrupted one would have drawn.
 * Each dropout site gets its own stream: the site's index is added to the seed's second word in
 * graph-construction order, which is fixed for an architecture and configuration.
 */
public final class Mode {

  private final Operand<TInt64> seed;
  private int sites;

  private Mode(Operand<TInt64> seed) {
    this.seed = seed;
  }

  /** Dropout off. */
  public static Mode inference() {
    return new Mode(null);
  }

  /** Dropout on, with masks drawn from this {@code [2]} seed. */
  public static Mode training(Operand<TInt64> seed) {
    return new Mode(seed);
  }

  public boolean training() {
    return seed != null;
  }

  /** The seed of the next dropout site. */
  Operand<TInt64> nextSiteSeed(Ops tf) {
    if (seed == null) {
      throw new IllegalStateException("no dropout seed in inference mode");
    }
    return tf.math.add(seed, tf.constant(new long[] {0, ++sites}));
  }
}
