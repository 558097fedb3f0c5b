package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.CustomGradients;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.graph.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.DepthwiseConv2dNative;
import org.tensorflow.types.TFloat32;

/**
 * A causal depthwise convolution over time, as PyTorch's {@code nn.Conv1d(C, C, K, groups=C,
 * padding=K−1)} cropped to the input length (Mamba's and xLSTM's short convolutions): each channel
 * c gets {@code y_t = Σ_k w[k, c] · x_{t−K+1+k} + b[c]}, with zeros before the first position.
 *
 * <p>Both models follow it with SiLU: over a whole sequence {@link #applySilu} is one native kernel
 * with the bias and activation inside where {@link NativeKernels} has it (TensorFlow's depthwise
 * convolution gradients alone took 9–10 ms per Mamba layer), else one {@code
 * DepthwiseConv2dNative} op on the left-padded input and ops; one step at a time it keeps the last
 * K−1 inputs in a window, so a decoded token costs the same at any position. Initialised as
 * PyTorch does: weights and bias uniform on ±1/√K (fan-in K per channel).
 */
public final class CausalConv {

  private final int kernel;
  private final Variable<TFloat32> weight;
  private final Variable<TFloat32> bias;

  /** The output of one step and the window to carry to the next. */
  public record Step(Operand<TFloat32> output, Operand<TFloat32> window) {}

  public CausalConv(Parameters parameters, int channels, int kernel, boolean withBias) {
    this.kernel = kernel;
    double bound = 1 / Math.sqrt(kernel);
    this.weight = parameters.uniform("weight", bound, kernel, channels);
    this.bias = withBias ? parameters.uniform("bias", bound, channels) : null;
  }

  /** The inputs a step must remember: K−1. */
  public int window() {
    return kernel - 1;
  }

  /**
   * {@code silu(conv(x) + b)}, as Mamba and the xLSTM use the convolution: one native kernel with its
   * bias and activation inside ({@link #siluKernel}) where {@link NativeKernels#availableFor} the
   * graph, else {@link #opGraph} and ops.
   *
   * @param x {@code [B, S, C]}
   * @param differentiated whether training differentiates it
   * @return {@code [B, S, C]}
   */
  public Operand<TFloat32> applySilu(Ops tf, Operand<TFloat32> x, boolean differentiated) {
    if (!NativeKernels.availableFor(tf)) {
      Operand<TFloat32> y = opGraph(tf, x, weight);
      return Silu.apply(tf, bias == null ? y : tf.math.add(y, bias));
    }
    // [K, C]: a convolution without bias takes C zeros
    Operand<TFloat32> b = bias != null ? bias
        : tf.fill(tf.constant(new long[] {weight.shape().get(1)}), tf.constant(0f));
    return siluKernel(tf, x, weight, b, differentiated);
  }

  /**
   * {@code silu(conv(x) + b)} as RuleBench's native CPU kernel ({@code causal_conv.c}), whose
   * gradient op computes the pre-activations again. Needs {@link NativeKernels#available()}.
   *
   * @param weight {@code [K, C]}
   * @param bias {@code [C]}
   */
  public static Operand<TFloat32> siluKernel(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight,
      Operand<TFloat32> bias, boolean differentiated) {
    return NativeKernels.differentiable(tf, NativeKernels.CAUSAL_CONV_SILU, differentiated, List.of(x, weight, bias));
  }

  /**
   * The convolution without bias as RuleBench's native CPU kernel ({@code
   * models-tf/src/main/c/causal_conv.c}), differentiable through its gradient kernel. Needs {@link
   * NativeKernels#available()}; its threads are the training session's intra-op threads.
   *
   * @param x {@code [B, S, C]}
   * @param weight {@code [K, C]}
   */
  public static Operand<TFloat32> kernel(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight) {
    CustomGradients.ensureRegistered(NativeKernels.CAUSAL_CONV, NativeKernels::customGradient);
    return NativeKernels.op(tf, NativeKernels.CAUSAL_CONV, NativeKernels.threads(), x, weight).output(0);
  }

  /** The convolution without bias as TensorFlow's depthwise convolution: the fallback and the reference. */
  public static Operand<TFloat32> opGraph(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight) {
    int kernel = (int) weight.shape().get(0);
    Operand<TFloat32> padded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {kernel - 1, 0}, {0, 0}}), tf.constant(0f));
    // NHWC with height 1: time is the width
    Operand<TFloat32> image = tf.expandDims(padded, tf.constant(1));
    Operand<TFloat32> filter = tf.expandDims(tf.expandDims(weight, tf.constant(0)), tf.constant(-1));
    return tf.squeeze(tf.nn.depthwiseConv2dNative(image, filter, List.of(1L, 1L, 1L, 1L), "VALID",
        DepthwiseConv2dNative.dataFormat("NHWC")), org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
  }

  /**
   * One position of every row.
   *
   * @param window {@code [R, K−1, C]}: the previous K−1 inputs, oldest first (zeros before the start)
   * @param x {@code [R, C]}
   */
  public Step step(Ops tf, Operand<TFloat32> window, Operand<TFloat32> x) {
    Operand<TFloat32> full = tf.concat(List.of(window, tf.expandDims(x, tf.constant(1))), tf.constant(1));
    Operand<TFloat32> y = tf.sum(tf.math.mul(full, weight), tf.constant(1));
    if (bias != null) {
      y = tf.math.add(y, bias);
    }
    Operand<TFloat32> next = tf.slice(full, tf.constant(new int[] {0, 1, 0}), tf.constant(new int[] {-1, -1, -1}));
    return new Step(y, next);
  }
}
