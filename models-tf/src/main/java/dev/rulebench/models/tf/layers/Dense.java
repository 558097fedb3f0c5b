package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An affine map {@code x · W + b} on rows {@code [N, in] → [N, out]}.
 *
 * <p>Initialised like PyTorch's {@code nn.Linear} (weight and bias uniform on ±1/√in) unless the
 * caller asks for Xavier-uniform weights and zero biases (the attention projections of PyTorch's
 * {@code nn.MultiheadAttention}).
 */
public final class Dense {

  private final Variable<TFloat32> weight;
  private final Variable<TFloat32> bias;

  private Dense(Variable<TFloat32> weight, Variable<TFloat32> bias) {
    this.weight = weight;
    this.bias = bias;
  }

  /** PyTorch's {@code nn.Linear} initialisation. */
  public static Dense linear(Parameters parameters, int in, int out, boolean withBias) {
    double bound = 1 / Math.sqrt(in);
    return new Dense(parameters.uniform("weight", bound, in, out),
        withBias ? parameters.uniform("bias", bound, out) : null);
  }

  /** PyTorch's {@code nn.Linear} weights with a zero bias ({@code nn.MultiheadAttention}'s output projection). */
  public static Dense linearZeroBias(Parameters parameters, int in, int out) {
    return new Dense(parameters.uniform("weight", 1 / Math.sqrt(in), in, out), parameters.filled("bias", 0f, out));
  }

  /** Weights normal with mean 0 and this standard deviation, no bias (the xLSTM library's small and Wang inits). */
  public static Dense normal(Parameters parameters, int in, int out, double std) {
    return new Dense(parameters.normal("weight", std, in, out), null);
  }

  /** Xavier-uniform weights and zero biases. */
  public static Dense xavier(Parameters parameters, int in, int out, boolean withBias) {
    return new Dense(parameters.xavierUniform("weight", in, out, in, out),
        withBias ? parameters.filled("bias", 0f, out) : null);
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> rows) {
    Operand<TFloat32> product = tf.linalg.matMul(rows, weight);
    return bias == null ? product : tf.nn.biasAdd(product, bias);
  }

  /** {@code x · (factor·W) + b}: a factor of the inputs folded into the (small) weights. */
  public Operand<TFloat32> applyScaled(Ops tf, Operand<TFloat32> rows, float factor) {
    Operand<TFloat32> product = tf.linalg.matMul(rows, tf.math.mul(weight, tf.constant(factor)));
    return bias == null ? product : tf.nn.biasAdd(product, bias);
  }

  public Operand<TFloat32> weight() {
    return weight;
  }

  /** The bias, or null without one. */
  public Operand<TFloat32> bias() {
    return bias;
  }
}
