package dev.rulebench.models.tf.arch;

import dev.rulebench.config.ConfigException;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.models.tf.Network;
import dev.rulebench.models.tf.decode.CarriedState;
import dev.rulebench.models.tf.decode.IncrementalDecoder;
import dev.rulebench.models.tf.graph.Dims;
import dev.rulebench.models.tf.graph.FixedLength;
import dev.rulebench.models.tf.graph.Parameters;
import dev.rulebench.models.tf.layers.CausalConv;
import dev.rulebench.models.tf.layers.Dense;
import dev.rulebench.models.tf.layers.Embedding;
import dev.rulebench.models.tf.layers.Mode;
import dev.rulebench.models.tf.layers.RmsNorm;
import dev.rulebench.models.tf.layers.SelectiveScan;
import dev.rulebench.models.tf.layers.Silu;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Embedding → residual Mamba blocks → RMSNorm → tied head. Training runs every block over the whole
 * sequence, unrolled over the context length; decoding carries each block's last d_conv − 1
 * convolution inputs and its {@code [d_inner, d_state]} SSM state per row.
 */
final class MambaNetwork implements Network {

  private final int vocabulary;
  private final int width;
  private final int inner;
  private final int stateSize;
  private final int rank;
  private final int steps;
  private final Embedding embedding;
  private final List<Block> blocks = new ArrayList<>();
  private final RmsNorm finalNorm;

  /** The training forward pass, reused for the test loss: the network has no dropout. */
  private Operand<TInt32> trainedInputs;
  private Operand<TFloat32> trainedLogits;

  /** One residual block's weights: mamba.py's {@code ResidualBlock} around a {@code MambaBlock}. */
  private record Block(RmsNorm norm, Dense inProj, CausalConv conv, Dense xProj, Variable<TFloat32> dtWeight,
      Variable<TFloat32> dtBias, Variable<TFloat32> aLog, Variable<TFloat32> skip, Dense outProj) {}

  /** What one block computes from its normalised input rows, before the output projection. */
  private record Mixed(Operand<TFloat32> xs, Operand<TFloat32> z) {}

  MambaNetwork(Parameters parameters, int vocabulary, int context, TypedConfig config) {
    this.vocabulary = vocabulary;
    this.width = config.intValue("dModel");
    this.inner = config.intValue("expand") * width;
    this.stateSize = config.intValue("dState");
    int dtRank = config.intValue("dtRank");
    this.rank = dtRank > 0 ? dtRank : (width + 15) / 16;
    this.steps = context;
    int multiple = config.intValue("padVocabularyMultiple");
    if (multiple < 1 || width < 1 || inner < 1 || stateSize < 1 || config.intValue("dConv") < 1) {
      throw new ConfigException("mamba: dModel, expand, dState, dConv and padVocabularyMultiple must be positive");
    }
    int padded = (vocabulary + multiple - 1) / multiple * multiple;
    this.embedding = new Embedding(parameters.scoped("embedding"), padded, width);
    double eps = config.doubleValue("rmsNormEps");
    boolean bias = config.booleanValue("bias");
    double dtMin = config.doubleValue("dtMin");
    double dtMax = config.doubleValue("dtMax");
    float floor = (float) config.doubleValue("dtInitFloor");
    float[] aLog = new float[inner * stateSize];
    for (int d = 0; d < inner; d++) {
      for (int n = 0; n < stateSize; n++) {
        aLog[d * stateSize + n] = (float) Math.log(n + 1);
      }
    }
    for (int l = 0; l < config.intValue("layers"); l++) {
      Parameters p = parameters.scoped("layer" + l);
      Parameters dt = p.scoped("dt_proj");
      blocks.add(new Block(new RmsNorm(p.scoped("norm"), width, eps),
          Dense.linear(p.scoped("in_proj"), width, 2 * inner, bias),
          new CausalConv(p.scoped("conv"), inner, config.intValue("dConv"), config.booleanValue("convBias")),
          Dense.linear(p.scoped("x_proj"), inner, rank + 2 * stateSize, false),
          dt.uniform("weight", config.doubleValue("dtScale") / Math.sqrt(rank), rank, inner),
          // dt = exp(U·(ln dt_max − ln dt_min) + ln dt_min), floored; the bias is softplus⁻¹(dt) = dt + ln(1 − e^−dt)
          dt.fromUniform("bias", (init, u) -> {
            Operand<TFloat32> logDt = init.math.add(init.math.mul(u, init.constant((float) (Math.log(dtMax)
                - Math.log(dtMin)))), init.constant((float) Math.log(dtMin)));
            Operand<TFloat32> step = init.math.maximum(init.math.exp(logDt), init.constant(floor));
            return init.math.add(step, init.math.log(init.math.neg(init.math.expm1(init.math.neg(step)))));
          }, inner),
          p.constant("A_log", aLog, inner, stateSize),
          p.filled("D", 1f, inner),
          Dense.linear(p.scoped("out_proj"), inner, width, bias)));
    }
    this.finalNorm = new RmsNorm(parameters.scoped("norm_f"), width, eps);
  }

  @Override
  public Operand<TFloat32> logits(Ops tf, Operand<TInt32> inputs, Mode mode) {
    if (!mode.training() && inputs == trainedInputs) {
      return trainedLogits;
    }
    Operand<TInt32> padded = FixedLength.pad(tf, inputs, steps, Vocabulary.PAD);
    Operand<TInt32> batch = Dims.of(tf, inputs, 0);
    Operand<TFloat32> x = embedding.lookup(tf, padded);
    for (Block block : blocks) {
      x = tf.math.add(x, mix(tf, block, x, batch, mode.training()));
    }
    Operand<TFloat32> rows = tf.reshape(finalNorm.apply(tf, x), tf.constant(new int[] {-1, width}));
    Operand<TFloat32> logits = tf.reshape(head(tf, rows),
        tf.stack(List.of(batch, tf.constant(steps), tf.constant(vocabulary))));
    Operand<TFloat32> result = FixedLength.crop(tf, logits, inputs);
    if (mode.training()) {
      trainedInputs = inputs;
      trainedLogits = result;
    }
    return result;
  }

  /** mamba.py's {@code MambaBlock.forward} on {@code [B, S, width]}, S the unrolled length. */
  private Operand<TFloat32> mix(Ops tf, Block block, Operand<TFloat32> x, Operand<TInt32> batch, boolean training) {
    Operand<TFloat32> rows = tf.reshape(block.norm().apply(tf, x), tf.constant(new int[] {-1, width}));
    Mixed parts = split(tf, block.inProj().apply(tf, rows));
    Operand<TInt32> sequenceShape = tf.stack(List.of(batch, tf.constant(steps), tf.constant(inner)));
    Operand<TFloat32> conv = block.conv().applySilu(tf, tf.reshape(parts.xs(), sequenceShape), training);
    Operand<TFloat32> convRows = tf.reshape(conv, tf.constant(new int[] {-1, inner}));
    List<Output<TFloat32>> dbc = tf.splitV(block.xProj().apply(tf, convRows),
        tf.constant(new int[] {rank, stateSize, stateSize}), tf.constant(1), 3L).output();
    Operand<TFloat32> rawDelta = tf.linalg.matMul(dbc.get(0), block.dtWeight());
    // the step sizes' softplus and the output's skip term and gate are the scan's (one kernel)
    Operand<TFloat32> gated = SelectiveScan.gated(tf, sequences(tf, rawDelta, batch, inner), block.dtBias(),
        sequences(tf, convRows, batch, inner), sequences(tf, dbc.get(1), batch, stateSize),
        sequences(tf, dbc.get(2), batch, stateSize), decay(tf, block), block.skip(),
        sequences(tf, parts.z(), batch, inner), steps, training);
    Operand<TFloat32> out = block.outProj().apply(tf, tf.reshape(gated, tf.constant(new int[] {-1, inner})));
    return tf.reshape(out, tf.stack(List.of(batch, tf.constant(steps), tf.constant(width))));
  }

  /** {@code [B·S, C]} rows to {@code [B, S, C]} sequences. */
  private Operand<TFloat32> sequences(Ops tf, Operand<TFloat32> rows, Operand<TInt32> batch, int channels) {
    return tf.reshape(rows, tf.stack(List.of(batch, tf.constant(steps), tf.constant(channels))));
  }

  private Mixed split(Ops tf, Operand<TFloat32> xz) {
    List<Output<TFloat32>> halves = tf.split(tf.constant(1), xz, 2L).output();
    return new Mixed(halves.get(0), halves.get(1));
  }

  /** A = −exp(A_log): negative, so every decay exp(Δ·A) lies in (0, 1]. */
  private static Operand<TFloat32> decay(Ops tf, Block block) {
    return tf.math.neg(tf.math.exp(block.aLog()));
  }


  /** The head tied to the embedding: logits for the padded vocabulary, of which the first V are kept. */
  private Operand<TFloat32> head(Ops tf, Operand<TFloat32> rows) {
    Operand<TFloat32> all = tf.linalg.matMul(rows, embedding.table(), MatMul.transposeB(true));
    return tf.slice(all, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, vocabulary}));
  }

  @Override
  public IncrementalDecoder decoder(Ops tf) {
    return new IncrementalDecoder() {
      private final CarriedState state = new CarriedState(tf);
      private final List<CarriedState.Carried> windows = new ArrayList<>();
      private final List<CarriedState.Carried> ssm = new ArrayList<>();

      @Override
      public Op reset(Ops scope, Operand<TInt32> rows, Operand<TInt32> capacity) {
        for (int l = 0; l < blocks.size(); l++) {
          windows.add(state.carried("decode.mamba" + l + ".conv_window",
              Dims.shape(scope, List.of(rows, scope.constant(blocks.get(l).conv().window()), scope.constant(inner)))));
          ssm.add(state.carried("decode.mamba" + l + ".ssm_state",
              Dims.shape(scope, List.of(rows, scope.constant(inner), scope.constant(stateSize)))));
        }
        return state.reset();
      }

      @Override
      public Step step(Ops scope, Operand<TInt32> tokens, Operand<TInt32> position, Operand<TInt32> firstRow) {
        Operand<TFloat32> x = embedding.lookup(scope, tokens);
        List<Operand<TFloat32>> nextWindows = new ArrayList<>();
        List<Operand<TFloat32>> nextStates = new ArrayList<>();
        for (int l = 0; l < blocks.size(); l++) {
          Block block = blocks.get(l);
          Mixed parts = split(scope, block.inProj().apply(scope, block.norm().apply(scope, x)));
          CausalConv.Step conv = block.conv().step(scope, windows.get(l).read(scope), parts.xs());
          Operand<TFloat32> convolved = Silu.apply(scope, conv.output());
          List<Output<TFloat32>> dbc = scope.splitV(block.xProj().apply(scope, convolved),
              scope.constant(new int[] {rank, stateSize, stateSize}), scope.constant(1), 3L).output();
          Operand<TFloat32> delta = SelectiveScan.stepSizes(scope, scope.linalg.matMul(dbc.get(0), block.dtWeight()),
              block.dtBias());
          SelectiveScan.Step scan = SelectiveScan.step(scope, ssm.get(l).read(scope), delta, convolved, dbc.get(1),
              dbc.get(2), decay(scope, block));
          x = scope.math.add(x, block.outProj().apply(scope, SelectiveScan.gate(scope, scan.output(), convolved,
              block.skip(), parts.z())));
          nextWindows.add(conv.window());
          nextStates.add(scan.state());
        }
        Operand<TFloat32> logits = head(scope, finalNorm.apply(scope, x));
        // store the new state only after everything that reads the old state has run
        Ops after = scope.withControlDependencies(List.of(logits));
        List<Op> updates = new ArrayList<>();
        for (int l = 0; l < blocks.size(); l++) {
          updates.add(windows.get(l).store(after, nextWindows.get(l)));
          updates.add(ssm.get(l).store(after, nextStates.get(l)));
        }
        return new Step(logits, updates);
      }
    };
  }
}
