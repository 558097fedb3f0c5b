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
import dev.rulebench.models.tf.layers.Dense;
import dev.rulebench.models.tf.layers.Embedding;
import dev.rulebench.models.tf.layers.GatedFeedForward;
import dev.rulebench.models.tf.layers.Mode;
import dev.rulebench.models.tf.layers.XlstmNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Embedding → xLSTM blocks → LayerNorm → linear head. Training runs the blocks over the whole
 * sequence (the mLSTM in parallel form, the sLSTM unrolled over the context length); decoding
 * carries every block's convolution window and cell state per row.
 */
final class XlstmNetwork implements Network {

  private final int vocabulary;
  private final int width;
  private final int steps;
  private final boolean dropout;
  private final Embedding embedding;
  private final List<XlstmBlock> blocks = new ArrayList<>();
  private final XlstmNorm postNorm;
  private final Dense head;

  /** The training forward pass, reused for the test loss when there is no dropout. */
  private Operand<TInt32> trainedInputs;
  private Operand<TFloat32> trainedLogits;

  XlstmNetwork(Parameters parameters, int vocabulary, int context, TypedConfig config) {
    this.vocabulary = vocabulary;
    this.width = config.intValue("embedding");
    this.steps = context;
    int count = config.intValue("blocks");
    double eps = config.doubleValue("layerNormEps");
    double rate = config.doubleValue("dropout");
    this.dropout = rate > 0;
    int multiple = config.intValue("roundProjUpTo");
    int inner = roundUp(config.doubleValue("mlstmProjFactor") * width, multiple);
    int ffnHidden = roundUp(config.doubleValue("ffnProjFactor") * width, multiple);
    int mlstmHeads = config.intValue("mlstmHeads");
    int qkvBlockSize = config.intValue("qkvBlockSize");
    validate(config);
    Set<Integer> slstmAt = slstmPositions(config.stringValue("slstmAt"), count);
    GatedFeedForward.Activation activation = GatedFeedForward.Activation.parse(config.stringValue("ffnActivation"));
    this.embedding = new Embedding(parameters.scoped("token_embedding"), vocabulary, width);
    for (int b = 0; b < count; b++) {
      Parameters p = parameters.scoped("block" + b);
      blocks.add(slstmAt.contains(b)
          ? new SlstmBlock(p, width, config.intValue("slstmHeads"), config.intValue("slstmConvKernel"),
              config.stringValue("slstmBiasInit"), b, count, ffnHidden, activation, eps, rate, steps)
          : new MlstmBlock(p, width, inner, mlstmHeads, qkvBlockSize, config.intValue("mlstmConvKernel"), 1, eps,
              rate, steps, config.intValue("mlstmChunkSize")));
    }
    this.postNorm = new XlstmNorm(parameters.scoped("post_blocks_norm"), width, 1, eps);
    this.head = Dense.linear(parameters.scoped("lm_head"), width, vocabulary, false);
  }

  /** What the keys' ranges cannot say; discovery and the command line check it before training. */
  static void validate(TypedConfig config) {
    int width = config.intValue("embedding");
    int count = config.intValue("blocks");
    int multiple = config.intValue("roundProjUpTo");
    int inner = roundUp(config.doubleValue("mlstmProjFactor") * width, multiple);
    int mlstmHeads = config.intValue("mlstmHeads");
    int qkvBlockSize = config.intValue("qkvBlockSize");
    if (count < 1 || width < 1 || mlstmHeads < 1 || qkvBlockSize < 1 || inner % mlstmHeads != 0
        || inner % qkvBlockSize != 0) {
      throw new ConfigException("xlstm: blocks and embedding must be positive, and the mLSTM width (" + inner
          + ") a multiple of mlstmHeads (" + mlstmHeads + ") and qkvBlockSize (" + qkvBlockSize + ")");
    }
    int slstmHeads = config.intValue("slstmHeads");
    if (!slstmPositions(config.stringValue("slstmAt"), count).isEmpty() && (slstmHeads < 1 || width % slstmHeads != 0)) {
      throw new ConfigException("xlstm: embedding (" + width + ") must be a multiple of slstmHeads (" + slstmHeads
          + ")");
    }
    GatedFeedForward.Activation.parse(config.stringValue("ffnActivation"));
  }

  /** The library's {@code UpProjConfigMixin}: a projection width rounded up to a multiple. */
  private static int roundUp(double width, int multiple) {
    return (int) Math.ceil(width / multiple) * multiple;
  }

  /** {@code slstmAt}: comma-separated block indices, {@code all}, or empty for none. */
  private static Set<Integer> slstmPositions(String text, int count) {
    Set<Integer> positions = new TreeSet<>();
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("all")) {
      for (int b = 0; b < count; b++) {
        positions.add(b);
      }
      return positions;
    }
    for (String part : trimmed.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        int b = Integer.parseInt(part.trim());
        if (b < 0 || b >= count) {
          throw new NumberFormatException();
        }
        positions.add(b);
      } catch (NumberFormatException e) {
        throw new ConfigException("xlstm: slstmAt must list block indices below " + count
            + " separated by commas (e.g. slstmAt=1), or 'all'; got '" + text + "'");
      }
    }
    return positions;
  }

  @Override
  public Operand<TFloat32> logits(Ops tf, Operand<TInt32> inputs, Mode mode) {
    if (!mode.training() && !dropout && inputs == trainedInputs) {
      return trainedLogits;
    }
    Operand<TInt32> padded = FixedLength.pad(tf, inputs, steps, Vocabulary.PAD);
    Operand<TInt32> batch = Dims.of(tf, inputs, 0);
    Operand<TFloat32> x = embedding.lookup(tf, padded);
    for (XlstmBlock block : blocks) {
      x = block.sequence(tf, x, batch, mode);
    }
    Operand<TFloat32> rows = postNorm.apply(tf, tf.reshape(x, tf.constant(new int[] {-1, width})),
        mode.training());
    Operand<TFloat32> logits = tf.reshape(head.apply(tf, rows), tf.stack(List.of(batch, tf.constant(steps),
        tf.constant(vocabulary))));
    Operand<TFloat32> result = FixedLength.crop(tf, logits, inputs);
    if (mode.training()) {
      trainedInputs = inputs;
      trainedLogits = result;
    }
    return result;
  }

  @Override
  public IncrementalDecoder decoder(Ops tf) {
    return new IncrementalDecoder() {
      private final CarriedState state = new CarriedState(tf);
      private final List<XlstmBlock.Decoding> decodings = new ArrayList<>();

      @Override
      public Op reset(Ops scope, Operand<TInt32> rows, Operand<TInt32> capacity) {
        for (int b = 0; b < blocks.size(); b++) {
          decodings.add(blocks.get(b).declareDecoding(state, scope, rows, "decode.xlstm" + b));
        }
        return state.reset();
      }

      @Override
      public Step step(Ops scope, Operand<TInt32> tokens, Operand<TInt32> position, Operand<TInt32> firstRow) {
        Operand<TBool> first = scope.math.equal(position, scope.constant(0));
        Operand<TFloat32> x = embedding.lookup(scope, tokens);
        List<XlstmBlock.Step> steps = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
          List<Operand<TFloat32>> values = new ArrayList<>();
          for (CarriedState.Carried carried : decodings.get(b).state()) {
            values.add(carried.read(scope));
          }
          XlstmBlock.Step step = blocks.get(b).step(scope, x, first, values, decodings.get(b).weights());
          steps.add(step);
          x = step.output();
        }
        Operand<TFloat32> logits = head.apply(scope, postNorm.apply(scope, x, false));
        // store the new state only after everything that reads the old state has run
        Ops after = scope.withControlDependencies(List.of(logits));
        List<Op> updates = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
          for (int i = 0; i < decodings.get(b).state().size(); i++) {
            updates.add(decodings.get(b).state().get(i).store(after, steps.get(b).values().get(i)));
          }
        }
        return new Step(logits, updates);
      }
    };
  }
}
