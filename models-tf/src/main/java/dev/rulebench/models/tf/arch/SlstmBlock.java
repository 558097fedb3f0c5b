package dev.rulebench.models.tf.arch;

import dev.rulebench.config.ConfigException;
import dev.rulebench.models.tf.decode.CarriedState;
import dev.rulebench.models.tf.graph.Dims;
import dev.rulebench.models.tf.graph.Parameters;
import dev.rulebench.models.tf.layers.CausalConv;
import dev.rulebench.models.tf.layers.Dropout;
import dev.rulebench.models.tf.layers.GatedFeedForward;
import dev.rulebench.models.tf.layers.HeadwiseLinear;
import dev.rulebench.models.tf.layers.Mode;
import dev.rulebench.models.tf.layers.Silu;
import dev.rulebench.models.tf.layers.SlstmCell;
import dev.rulebench.models.tf.layers.XlstmNorm;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The xLSTM library's {@code sLSTMBlock}: {@code x + sLSTMLayer(LayerNorm(x))}, then
 * {@code x + GatedFeedForward(LayerNorm(x))}.
 *
 * <p>The layer feeds the input and forget gates from the causal convolution (with SiLU) and the
 * cell input and output gates from its input directly, each through a head-wise linear map; the
 * cell runs per head with a block-diagonal recurrent matrix, and its output is group-normalised per
 * head. (The library's layer names its two convolution-fed maps the other way round, {@code fgate}
 * feeding the input gate; both are initialised alike, so only the names differ.)
 *
 * <p>Initialisation follows the library: small init for the gate maps and the feed-forward's
 * up-projection, Wang init with the stack's block count for its down-projection, zero recurrent
 * weights, and gate biases by {@code biasInit}: {@code powerlaw_blockdependent} (default) gives the
 * forget gate of head unit j the bias {@code −(−5 + 12·(j/(d−1))^(0.3 + 1.3·r))} with
 * {@code r = block/(blocks−1)} and zeros elsewhere; {@code small_init} a forget-gate ramp 3…6;
 * {@code standard} uniform ±1/√width everywhere; {@code zeros}.
 */
final class SlstmBlock implements XlstmBlock {

  private final int width;
  private final int heads;
  private final int steps;
  private final double dropout;
  private final XlstmNorm norm;
  private final CausalConv conv;
  private final HeadwiseLinear inputGate;
  private final HeadwiseLinear forgetGate;
  private final HeadwiseLinear cellInput;
  private final HeadwiseLinear outputGate;
  private final Variable<TFloat32> recurrent;
  private final Variable<TFloat32> bias;
  private final XlstmNorm groupNorm;
  private final XlstmNorm ffnNorm;
  private final GatedFeedForward ffn;

  SlstmBlock(Parameters p, int width, int heads, int convKernel, String biasInit, int block, int blocks,
      int ffnHidden, GatedFeedForward.Activation activation, double eps, double dropout, int steps) {
    if (width % heads != 0) {
      throw new ConfigException("xlstm: embedding (" + width + ") must be a multiple of slstmHeads (" + heads + ")");
    }
    this.width = width;
    this.heads = heads;
    this.steps = steps;
    this.dropout = dropout;
    double small = Math.sqrt(2.0 / (5 * width));
    this.norm = new XlstmNorm(p.scoped("xlstm_norm"), width, 1, eps);
    this.conv = new CausalConv(p.scoped("conv"), width, convKernel, true);
    this.inputGate = new HeadwiseLinear(p.scoped("input_gate"), width, width, heads, small);
    this.forgetGate = new HeadwiseLinear(p.scoped("forget_gate"), width, width, heads, small);
    this.cellInput = new HeadwiseLinear(p.scoped("cell_input"), width, width, heads, small);
    this.outputGate = new HeadwiseLinear(p.scoped("output_gate"), width, width, heads, small);
    int headWidth = width / heads;
    this.recurrent = p.filled("recurrent_kernel", 0f, heads, headWidth, 4, headWidth);
    this.bias = biases(p, biasInit, heads, headWidth, block, blocks);
    this.groupNorm = new XlstmNorm(p.scoped("group_norm"), width, heads, eps);
    this.ffnNorm = new XlstmNorm(p.scoped("ffn_norm"), width, 1, eps);
    this.ffn = new GatedFeedForward(p.scoped("ffn"), width, ffnHidden, activation, small,
        2.0 / blocks / Math.sqrt(width));
  }

  /** The gate biases as the library lays them out, {@code [heads, 4 gates (i, f, z, o), d]}. */
  private static Variable<TFloat32> biases(Parameters p, String init, int heads, int headWidth, int block,
      int blocks) {
    switch (init.trim().toLowerCase(Locale.ROOT)) {
      case "standard":
        return p.uniform("bias", 1 / Math.sqrt(heads * headWidth), heads, 4, headWidth);
      case "zeros":
        return p.filled("bias", 0f, heads, 4, headWidth);
      case "small_init":
      case "powerlaw_blockdependent":
        boolean powerLaw = init.trim().equalsIgnoreCase("powerlaw_blockdependent");
        float[] values = new float[heads * 4 * headWidth];
        double ratio = blocks > 1 ? (double) block / (blocks - 1) : 0;
        for (int h = 0; h < heads; h++) {
          for (int j = 0; j < headWidth; j++) {
            double position = headWidth > 1 ? (double) j / (headWidth - 1) : 0;
            double forget = powerLaw ? -(-5 + 12 * Math.pow(position, 0.3 + 1.3 * ratio)) : 3 + 3 * position;
            values[(h * 4 + 1) * headWidth + j] = (float) forget;
          }
        }
        return p.constant("bias", values, heads, 4, headWidth);
      default:
        throw new ConfigException("unknown slstmBiasInit '" + init
            + "'; known: powerlaw_blockdependent, small_init, standard, zeros");
    }
  }

  /**
   * R as one dense block-diagonal matrix {@code [width, 4·width]}, columns gate-major like the inputs:
   * R {@code [h, i, g, 1, o]} times the identity {@code [h, 1, 1, k, 1]}, broadcast. (The same
   * products as an einsum {@code higo,hk->higko}, whose oneDNN op took 6 ms forward and 5 backward
   * per paper step for these 16 K floats.)
   */
  private Operand<TFloat32> recurrentMatrix(Ops tf) {
    float[][][][][] identity = new float[heads][1][1][heads][1];
    for (int h = 0; h < heads; h++) {
      identity[h][0][0][h][0] = 1f;
    }
    int headWidth = width / heads;
    Operand<TFloat32> spread = tf.reshape(recurrent, tf.constant(new int[] {heads, headWidth, 4, 1, headWidth}));
    Operand<TFloat32> blocks = tf.math.mul(spread, tf.constant(identity));
    return tf.reshape(blocks, tf.constant(new int[] {width, 4 * width}));
  }

  /** The biases in the gate-major order of the inputs, {@code [4·width]}. */
  private Operand<TFloat32> gateMajorBias(Ops tf) {
    return tf.reshape(tf.linalg.transpose(bias, tf.constant(new int[] {1, 0, 2})), tf.constant(new int[] {-1}));
  }

  /** W x + b for rows of the normalised input and its convolution. */
  private Operand<TFloat32> inputs(Ops tf, Operand<TFloat32> rows, Operand<TFloat32> convolved) {
    Operand<TFloat32> gates = tf.concat(List.of(inputGate.apply(tf, convolved), forgetGate.apply(tf, convolved),
        cellInput.apply(tf, rows), outputGate.apply(tf, rows)), tf.constant(1));
    return tf.math.add(gates, gateMajorBias(tf));
  }

  @Override
  public Operand<TFloat32> sequence(Ops tf, Operand<TFloat32> x, Operand<TInt32> batch, Mode mode) {
    Operand<TInt32> rowShape = tf.constant(new int[] {-1, width});
    Operand<TInt32> sequenceShape = tf.stack(List.of(batch, tf.constant(steps), tf.constant(width)));
    Operand<TFloat32> rows = norm.apply(tf, tf.reshape(x, rowShape), mode.training());
    Operand<TFloat32> convolved = tf.reshape(conv.applySilu(tf, tf.reshape(rows, sequenceShape), mode.training()),
        rowShape);
    Operand<TFloat32> gates = tf.reshape(inputs(tf, rows, convolved), tf.stack(List.of(batch, tf.constant(steps),
        tf.constant(4 * width))));
    Operand<TFloat32> h = SlstmCell.sequence(tf, gates, recurrentMatrix(tf), steps, mode.training());
    Operand<TFloat32> hRows = tf.reshape(h, rowShape);
    Operand<TFloat32> mixed = groupNorm.apply(tf, Dropout.apply(tf, mode, hRows, dropout), mode.training());
    Operand<TFloat32> y = tf.math.add(tf.reshape(x, rowShape), mixed);
    Operand<TFloat32> fed = Dropout.apply(tf, mode, ffn.apply(tf, ffnNorm.apply(tf, y, mode.training())),
        dropout);
    return tf.reshape(tf.math.add(y, fed), sequenceShape);
  }

  @Override
  public Decoding declareDecoding(CarriedState state, Ops tf, Operand<TInt32> rows, String prefix) {
    Operand<TInt32> shape = Dims.shape(tf, List.of(rows, tf.constant(width)));
    // the gate maps as two products per token (by the input they read), in the gate-major order of
    // inputs(), and the recurrent matrix and biases as they are arranged for the step
    Operand<TInt32> columns = tf.constant(1);
    List<Operand<TFloat32>> weights = List.of(
        state.derived(prefix + ".convolved_gates", tf.concat(List.of(inputGate.matrix(tf), forgetGate.matrix(tf)),
            columns)),
        state.derived(prefix + ".row_gates", tf.concat(List.of(cellInput.matrix(tf), outputGate.matrix(tf)),
            columns)),
        state.derived(prefix + ".bias", gateMajorBias(tf)),
        state.derived(prefix + ".recurrent", recurrentMatrix(tf)));
    return new Decoding(List.of(
        state.carried(prefix + ".conv_window", Dims.shape(tf, List.of(rows, tf.constant(conv.window()),
            tf.constant(width)))),
        state.carried(prefix + ".h", shape),
        state.carried(prefix + ".c", shape),
        state.carried(prefix + ".n", shape),
        state.carried(prefix + ".m", shape)), weights);
  }

  @Override
  public Step step(Ops tf, Operand<TFloat32> x, Operand<TBool> first, List<Operand<TFloat32>> state,
      List<Operand<TFloat32>> weights) {
    Operand<TFloat32> rows = norm.apply(tf, x, false);
    CausalConv.Step convolution = conv.step(tf, state.get(0), rows);
    Operand<TFloat32> convolved = Silu.apply(tf, convolution.output());
    Operand<TFloat32> gates = tf.math.add(tf.concat(List.of(tf.linalg.matMul(convolved, weights.get(0)),
        tf.linalg.matMul(rows, weights.get(1))), tf.constant(1)), weights.get(2));
    SlstmCell.State next = SlstmCell.step(tf, new SlstmCell.State(state.get(1), state.get(2), state.get(3),
        state.get(4)), gates, weights.get(3), first);
    Operand<TFloat32> y = tf.math.add(x, groupNorm.apply(tf, next.h(), false));
    Operand<TFloat32> out = tf.math.add(y, ffn.apply(tf, ffnNorm.apply(tf, y, false)));
    return new Step(out, List.of(convolution.window(), next.h(), next.c(), next.n(), next.m()));
  }
}
