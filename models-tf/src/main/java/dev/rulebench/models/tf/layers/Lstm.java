package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.CustomGradients;
import dev.rulebench.models.tf.graph.Outputs;
import dev.rulebench.models.tf.graph.Parameters;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.nn.BlockLSTMGrad;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One LSTM layer on TensorFlow's fused kernel ({@code BlockLSTMV2}): the whole sequence in one op,
 * forward and backward, instead of hundreds of small per-step ops.
 *
 * <p>The kernel computes, per step, {@code [i, c̃, f, o] = [x, h] · W + b}, {@code c = σ(f)·c +
 * σ(i)·tanh(c̃)}, {@code h = σ(o)·tanh(c)}: PyTorch's LSTM (with its two biases folded into one), no
 * peepholes, no cell clipping, forget bias 0. TensorFlow Java has no gradient for it, so a custom
 * gradient calling {@code BlockLSTMGradV2} is registered once per JVM (see {@link CustomGradients}).
 *
 * <p>Initialisation follows PyTorch: every weight uniform on ±1/√hidden; the bias is the sum of
 * PyTorch's two biases, each uniform on ±1/√hidden.
 */
public final class Lstm {

  private final int hidden;
  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> inputBias;
  private final Variable<TFloat32> hiddenBias;

  static {
    CustomGradients.ensureRegistered(BlockLSTM.OP_NAME, BlockLSTM.Inputs.class, Lstm::gradient);
  }

  public Lstm(Parameters parameters, int input, int hidden) {
    this.hidden = hidden;
    double bound = 1 / Math.sqrt(hidden);
    this.kernel = parameters.uniform("kernel", bound, input + hidden, 4L * hidden);
    this.inputBias = parameters.uniform("bias_ih", bound, 4L * hidden);
    this.hiddenBias = parameters.uniform("bias_hh", bound, 4L * hidden);
  }

  public int hidden() {
    return hidden;
  }

  /** The fused weights {@code [input + hidden, 4·hidden]}, rows for x first, then h. */
  public Operand<TFloat32> kernel() {
    return kernel;
  }

  /** The effective bias {@code [4·hidden]} (PyTorch's b_ih + b_hh). */
  public Operand<TFloat32> bias(Ops tf) {
    return tf.math.add(inputBias, hiddenBias);
  }

  /** The state after a run: the last hidden and cell values, and every step's hidden output. */
  public record Run(Operand<TFloat32> outputs, Operand<TFloat32> lastHidden, Operand<TFloat32> lastCell) {}

  /**
   * Runs the layer over a time-major sequence.
   *
   * @param x {@code [T, B, input]}
   * @param h0 {@code [B, hidden]}
   * @param c0 {@code [B, hidden]}
   */
  public Run run(Ops tf, Operand<TFloat32> x, Operand<TFloat32> h0, Operand<TFloat32> c0, Operand<TInt64> steps) {
    Operand<TFloat32> noPeephole = tf.fill(tf.constant(new long[] {hidden}), tf.constant(0f));
    BlockLSTM<TFloat32> lstm = tf.nn.blockLSTM(steps, x, c0, h0, kernel, noPeephole, noPeephole, noPeephole,
        bias(tf), BlockLSTM.cellClip(-1f), BlockLSTM.usePeephole(false));
    Operand<TFloat32> last = tf.gather(lstm.h(), tf.math.sub(steps, tf.constant(1L)), tf.constant(0));
    Operand<TFloat32> lastCell = tf.gather(lstm.cs(), tf.math.sub(steps, tf.constant(1L)), tf.constant(0));
    return new Run(lstm.h(), last, lastCell);
  }

  /** BlockLSTMV2's gradient: BlockLSTMGradV2 fed with the forward op's saved gates. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> gradient(Ops tf, BlockLSTM.Inputs op, List<Output<?>> upstream) {
    BlockLSTM forward = (BlockLSTM) op.getOutputs();
    Operand csGrad = Outputs.exists(upstream.get(1)) ? upstream.get(1) : tf.zerosLike(forward.cs());
    Operand hGrad = Outputs.exists(upstream.get(6)) ? upstream.get(6) : tf.zerosLike(forward.h());
    BlockLSTMGrad grad = tf.nn.blockLSTMGrad(op.seqLenMax, op.x, op.csPrev, op.hPrev, op.w, op.wci, op.wcf, op.wco,
        op.b, forward.i(), forward.cs(), forward.f(), forward.o(), forward.ci(), forward.co(), forward.h(), csGrad,
        hGrad, op.usePeephole);
    return Arrays.asList(tf.zerosLike(op.seqLenMax), grad.xGrad(), grad.csPrevGrad(), grad.hPrevGrad(), grad.wGrad(),
        grad.wciGrad(), grad.wcfGrad(), grad.wcoGrad(), grad.bGrad());
  }

}
