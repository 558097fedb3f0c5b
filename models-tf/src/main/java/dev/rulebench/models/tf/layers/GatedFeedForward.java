package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The xLSTM library's gated feed-forward ({@code GatedFeedForward}, no biases):
 * {@code down(act(g) · u)} with {@code [g, u] = up(x)}.
 *
 * <p>GELU is the exact one PyTorch uses by default, {@code x · Φ(x) = x/2 · (1 + erf(x/√2))}, built
 * from {@code Erf} because TensorFlow Java 1.1.0 has no gradient for its {@code Gelu} op.
 */
public final class GatedFeedForward {

  /** The activations the library offers that this class supports. */
  public enum Activation {
    GELU, RELU, SWISH;

    /** The value named by the library ({@code gelu}, {@code relu}, {@code swish}). */
    public static Activation parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new dev.rulebench.config.ConfigException("unknown feed-forward activation '" + name
            + "'; known: gelu, relu, swish");
      }
    }
  }

  private final int hidden;
  private final Dense up;
  private final Dense down;
  private final Activation activation;

  /**
   * @param upStd standard deviation of the up-projection's weights
   * @param downStd standard deviation of the down-projection's weights
   */
  public GatedFeedForward(Parameters parameters, int width, int hidden, Activation activation, double upStd,
      double downStd) {
    this.hidden = hidden;
    this.up = Dense.normal(parameters.scoped("proj_up"), width, 2 * hidden, upStd);
    this.down = Dense.normal(parameters.scoped("proj_down"), hidden, width, downStd);
    this.activation = activation;
  }

  /** {@code [N, width]} → {@code [N, width]}. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> rows) {
    List<Output<TFloat32>> parts = tf.split(tf.constant(1), up.apply(tf, rows), 2L).output();
    return down.apply(tf, tf.math.mul(activate(tf, parts.get(0)), parts.get(1)));
  }

  private Operand<TFloat32> activate(Ops tf, Operand<TFloat32> x) {
    return switch (activation) {
      case GELU -> gelu(tf, x);
      case RELU -> tf.nn.relu(x);
      case SWISH -> Silu.apply(tf, x);
    };
  }

  /** Exact GELU from differentiable ops. */
  public static Operand<TFloat32> gelu(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> cdf = tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1
        / Math.sqrt(2))))));
    return tf.math.mul(tf.math.mul(x, cdf), tf.constant(0.5f));
  }

  public int hidden() {
    return hidden;
  }
}
