package dev.rulebench.models.tf.arch;

import dev.rulebench.models.tf.decode.CarriedState;
import dev.rulebench.models.tf.graph.Dims;
import dev.rulebench.models.tf.graph.Parameters;
import dev.rulebench.models.tf.layers.CausalConv;
import dev.rulebench.models.tf.layers.Dense;
import dev.rulebench.models.tf.layers.Dropout;
import dev.rulebench.models.tf.layers.HeadwiseLinear;
import dev.rulebench.models.tf.layers.MlstmCell;
import dev.rulebench.models.tf.layers.Mode;
import dev.rulebench.models.tf.layers.Silu;
import dev.rulebench.models.tf.layers.XlstmNorm;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The xLSTM library's {@code mLSTMBlock}: {@code x + mLSTMLayer(LayerNorm(x))}, no feed-forward.
 *
 * <p>The layer up-projects to two branches of width {@code inner}; one goes through the causal
 * convolution and SiLU to the queries and keys (and the skip), the values come from it before the
 * convolution; the cell's output is group-normalised per head, added to the skip, gated by
 * {@code SiLU(z)} of the other branch and projected down. Initialisation follows the library: small
 * init (normal, std √(2/(5·width))) for the up- and q/k/v projections, Wang init (std
 * 2/num_blocks/√width) for the down-projection, zero gate weights, input-gate bias N(0, 0.1),
 * forget-gate bias evenly spaced in [3, 6], skip weights 1.
 */
final class MlstmBlock implements XlstmBlock {

  private final int width;
  private final int inner;
  private final int heads;
  private final int headWidth;
  private final int steps;
  private final int chunk;
  private final double dropout;
  private final XlstmNorm norm;
  private final Dense up;
  private final CausalConv conv;
  private final HeadwiseLinear q;
  private final HeadwiseLinear k;
  private final HeadwiseLinear v;
  private final Variable<TFloat32> gateWeight;
  private final Variable<TFloat32> inputBias;
  private final Variable<TFloat32> forgetBias;
  private final XlstmNorm outNorm;
  private final Variable<TFloat32> skip;
  private final Dense down;

  /**
   * @param downBlocks the block count the down-projection's Wang init uses (the library passes 1 to
   *     mLSTM blocks, see the architecture's notes)
   */
  MlstmBlock(Parameters p, int width, int inner, int heads, int qkvBlockSize, int convKernel, int downBlocks,
      double eps, double dropout, int steps, int chunk) {
    this.width = width;
    this.inner = inner;
    this.heads = heads;
    this.headWidth = inner / heads;
    this.steps = steps;
    this.chunk = chunk > 0 ? chunk : steps;
    this.dropout = dropout;
    double small = Math.sqrt(2.0 / (5 * width));
    this.norm = new XlstmNorm(p.scoped("xlstm_norm"), width, 1, eps);
    this.up = Dense.normal(p.scoped("proj_up"), width, 2 * inner, small);
    this.conv = new CausalConv(p.scoped("conv"), inner, convKernel, true);
    int projectionHeads = inner / qkvBlockSize;
    this.q = new HeadwiseLinear(p.scoped("q_proj"), inner, inner, projectionHeads, small);
    this.k = new HeadwiseLinear(p.scoped("k_proj"), inner, inner, projectionHeads, small);
    this.v = new HeadwiseLinear(p.scoped("v_proj"), inner, inner, projectionHeads, small);
    // the input and forget gates side by side: [3·inner, 2·heads], zero weights
    Parameters gates = p.scoped("gates");
    this.gateWeight = gates.filled("weight", 0f, 3L * inner, 2L * heads);
    this.inputBias = gates.normal("input_bias", 0.1, heads);
    float[] ramp = new float[heads];
    for (int h = 0; h < heads; h++) {
      ramp[h] = heads == 1 ? 3f : (float) (3 + 3.0 * h / (heads - 1));
    }
    this.forgetBias = gates.constant("forget_bias", ramp, heads);
    this.outNorm = new XlstmNorm(p.scoped("outnorm"), inner, heads, eps);
    this.skip = p.filled("learnable_skip", 1f, inner);
    this.down = Dense.normal(p.scoped("proj_down"), inner, width, 2.0 / downBlocks / Math.sqrt(width));
  }

  @Override
  public Operand<TFloat32> sequence(Ops tf, Operand<TFloat32> x, Operand<TInt32> batch, Mode mode) {
    Operand<TFloat32> rows = norm.apply(tf, tf.reshape(x, tf.constant(new int[] {-1, width})), mode.training());
    List<Output<TFloat32>> parts = tf.split(tf.constant(1), up.apply(tf, rows), 2L).output();
    Operand<TFloat32> convolved = tf.reshape(conv.applySilu(tf, tf.reshape(parts.get(0),
        tf.stack(List.of(batch, tf.constant(steps), tf.constant(inner)))), mode.training()),
        tf.constant(new int[] {-1, inner}));
    Operand<TFloat32> queries = q.apply(tf, convolved);
    Operand<TFloat32> keys = k.apply(tf, convolved);
    Operand<TFloat32> values = v.apply(tf, parts.get(0));
    List<Output<TFloat32>> gates = gates(tf, queries, keys, values);
    Operand<TFloat32> h = MlstmCell.sequence(tf, heads(tf, queries, batch), heads(tf, keys, batch),
        heads(tf, values, batch), gateHeads(tf, gates.get(0), batch), gateHeads(tf, gates.get(1), batch), headWidth,
        steps, chunk, mode.training());
    Operand<TFloat32> hRows = tf.reshape(h, tf.constant(new int[] {-1, inner}));
    Operand<TFloat32> out = Dropout.apply(tf, mode, output(tf, hRows, convolved, parts.get(1), mode.training()),
        dropout);
    return tf.math.add(x, tf.reshape(out, tf.stack(List.of(batch, tf.constant(steps), tf.constant(width)))));
  }

  /**
   * ĩ and f̃ per row and head, from q, k and v side by side: one product per input with its third of
   * the weights, summed, rather than one product of the rows concatenated, which copied them forward
   * and sliced their gradient back (the paper step 1120 → 976 ms, docs/performance.md).
   */
  private List<Output<TFloat32>> gates(Ops tf, Operand<TFloat32> queries, Operand<TFloat32> keys,
      Operand<TFloat32> values) {
    List<Output<TFloat32>> weights = tf.split(tf.constant(0), gateWeight, 3L).output();
    Operand<TFloat32> summed = tf.math.addN(List.of(tf.linalg.matMul(queries, weights.get(0)),
        tf.linalg.matMul(keys, weights.get(1)), tf.linalg.matMul(values, weights.get(2))));
    Operand<TFloat32> bias = tf.concat(List.of(inputBias, forgetBias), tf.constant(0));
    return tf.split(tf.constant(1), tf.math.add(summed, bias), 2L).output();
  }

  /** The cell's output rows, normalised, with the skip and the output gate, projected down. */
  private Operand<TFloat32> output(Ops tf, Operand<TFloat32> h, Operand<TFloat32> convolved, Operand<TFloat32> z,
      boolean differentiated) {
    return down.apply(tf, outNorm.gated(tf, h, convolved, z, skip, differentiated));
  }

  /** {@code [B·S, inner]} → {@code [B, S, heads, d]}: a reshape, no copy. */
  private Operand<TFloat32> heads(Ops tf, Operand<TFloat32> rows, Operand<TInt32> batch) {
    return tf.reshape(rows, tf.stack(List.of(batch, tf.constant(steps), tf.constant(heads), tf.constant(headWidth))));
  }

  /** {@code [B·S, heads]} → {@code [B, S, heads]}. */
  private Operand<TFloat32> gateHeads(Ops tf, Operand<TFloat32> rows, Operand<TInt32> batch) {
    return tf.reshape(rows, tf.stack(List.of(batch, tf.constant(steps), tf.constant(heads))));
  }

  @Override
  public Decoding declareDecoding(CarriedState state, Ops tf, Operand<TInt32> rows, String prefix) {
    // the query and key maps read the same input: one product of [inner, 2·inner] per token
    List<Operand<TFloat32>> weights = List.of(
        state.derived(prefix + ".qk_matrix", tf.concat(List.of(q.matrix(tf), k.matrix(tf)), tf.constant(1))),
        state.derived(prefix + ".v_matrix", v.matrix(tf)));
    return new Decoding(List.of(
        state.carried(prefix + ".conv_window", Dims.shape(tf, List.of(rows, tf.constant(conv.window()),
            tf.constant(inner)))),
        state.carried(prefix + ".C", Dims.shape(tf, List.of(rows, tf.constant(heads), tf.constant(headWidth),
            tf.constant(headWidth)))),
        state.carried(prefix + ".n", Dims.shape(tf, List.of(rows, tf.constant(heads), tf.constant(headWidth)))),
        state.carried(prefix + ".m", Dims.shape(tf, List.of(rows, tf.constant(heads))))), weights);
  }

  @Override
  public Step step(Ops tf, Operand<TFloat32> x, Operand<TBool> first, List<Operand<TFloat32>> state,
      List<Operand<TFloat32>> weights) {
    Operand<TFloat32> rows = norm.apply(tf, x, false);
    List<Output<TFloat32>> parts = tf.split(tf.constant(1), up.apply(tf, rows), 2L).output();
    CausalConv.Step convolution = conv.step(tf, state.get(0), parts.get(0));
    Operand<TFloat32> convolved = Silu.apply(tf, convolution.output());
    List<Output<TFloat32>> queriesAndKeys = tf.split(tf.constant(1), tf.linalg.matMul(convolved, weights.get(0)), 2L)
        .output();
    Operand<TFloat32> queries = queriesAndKeys.get(0);
    Operand<TFloat32> keys = queriesAndKeys.get(1);
    Operand<TFloat32> values = tf.linalg.matMul(parts.get(0), weights.get(1));
    List<Output<TFloat32>> gates = gates(tf, queries, keys, values);
    Operand<TInt32> byHead = tf.constant(new int[] {-1, heads, headWidth});
    MlstmCell.Step cell = MlstmCell.step(tf, new MlstmCell.State(state.get(1), state.get(2), state.get(3)),
        tf.reshape(queries, byHead), tf.reshape(keys, byHead), tf.reshape(values, byHead), gates.get(0),
        gates.get(1), first, headWidth);
    Operand<TFloat32> out = output(tf, tf.reshape(cell.h(), tf.constant(new int[] {-1, inner})), convolved,
        parts.get(1), false);
    return new Step(tf.math.add(x, out), List.of(convolution.window(), cell.state().c(), cell.state().n(),
        cell.state().m()));
  }
}
