package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.CustomGradients;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.graph.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A block-diagonal linear map, the xLSTM library's {@code LinearHeadwiseExpand} without bias: the
 * input's channels are cut into heads, and each head is mapped by its own small matrix,
 * {@code y[h, o] = Σ_d x[h, d] · W[h, o, d]}. Weights are normal with mean 0 and the given standard
 * deviation (the library's "small init" of the embedding width). A map of a width to the same
 * width runs as RuleBench's native kernel where {@link NativeKernels} has it, else (and for
 * decoding's per-batch weights) as one product with the dense block-diagonal matrix.
 */
public final class HeadwiseLinear {

  private final int heads;
  private final int in;
  private final int out;
  private final Variable<TFloat32> weight;

  public HeadwiseLinear(Parameters parameters, int in, int out, int heads, double std) {
    if (in % heads != 0 || out % heads != 0) {
      throw new IllegalArgumentException(in + "→" + out + " cannot be cut into " + heads + " heads");
    }
    this.heads = heads;
    this.in = in;
    this.out = out;
    this.weight = parameters.normal("weight", std, heads, out / heads, in / heads);
  }

  /**
   * @param rows {@code [N, in]}
   * @return {@code [N, out]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> rows) {
    return in == out && NativeKernels.availableFor(tf) ? kernel(tf, rows, weight) : tf.linalg.matMul(rows, matrix(tf));
  }

  /**
   * A map of a width to the same width as RuleBench's native CPU kernel ({@code
   * models-tf/src/main/c/headwise_linear.c}): H small products per row instead of one dense product
   * with H times the arithmetic. Differentiable through its gradient kernel. Needs {@link
   * NativeKernels#available()}.
   *
   * @param rows {@code [N, H·Q]}
   * @param weight {@code [H, Q, Q]}, as this class keeps it
   */
  public static Operand<TFloat32> kernel(Ops tf, Operand<TFloat32> rows, Operand<TFloat32> weight) {
    CustomGradients.ensureRegistered(NativeKernels.HEADWISE_LINEAR, NativeKernels::customGradient);
    return NativeKernels.op(tf, NativeKernels.HEADWISE_LINEAR, NativeKernels.threads(), rows, weight).output(0);
  }

  /**
   * The map as one dense block-diagonal matrix {@code [in, out]}: a single matrix product runs ten
   * times faster than TensorFlow's einsum over many tiny heads (which transposes the rows twice and
   * multiplies 4×4 blocks one by one), and the zeros off the diagonal cost nothing in the gradient
   * of the weights, which only reaches the blocks.
   */
  public Operand<TFloat32> matrix(Ops tf) {
    return blockDiagonal(tf, weight, heads, in, out);
  }

  /** {@code weight} {@code [H, out/H, in/H]} as the dense block-diagonal {@code [in, out]} of {@link #matrix}. */
  public static Operand<TFloat32> blockDiagonal(Ops tf, Operand<TFloat32> weight, int heads, int in, int out) {
    float[][] identity = new float[heads][heads];
    for (int h = 0; h < heads; h++) {
      identity[h][h] = 1f;
    }
    Operand<TFloat32> blocks = tf.linalg.einsum(List.of(weight, tf.constant(identity)), "hoi,hk->hiko");
    return tf.reshape(blocks, tf.constant(new int[] {in, out}));
  }
}
