package dev.rulebench.models.tf.arch;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.models.tf.Network;
import dev.rulebench.models.tf.decode.CarriedState;
import dev.rulebench.models.tf.decode.IncrementalDecoder;
import dev.rulebench.models.tf.graph.Dims;
import dev.rulebench.models.tf.graph.Parameters;
import dev.rulebench.models.tf.layers.Dense;
import dev.rulebench.models.tf.layers.Dropout;
import dev.rulebench.models.tf.layers.Embedding;
import dev.rulebench.models.tf.layers.Lstm;
import dev.rulebench.models.tf.layers.Mode;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Embedding → stacked fused LSTM layers → dropout → linear head. Training runs each layer over the
 * whole sequence in one {@code BlockLSTMV2} op; decoding runs the same op for one step per token
 * with h and c carried in variables, so both use identical arithmetic.
 *
 * <p>The fused kernel steps through time on one core, so the batch is split into {@code lanes} row
 * groups whose layer stacks are independent ops that TensorFlow runs at the same time. Rows do not
 * interact, so the split changes nothing but the order of floating-point work.
 */
final class LstmNetwork implements Network {

  private final int vocabulary;
  private final double dropout;
  private final int lanes;
  private final Embedding embedding;
  private final List<Lstm> layers = new ArrayList<>();
  private final Dense head;

  LstmNetwork(Parameters parameters, int vocabulary, TypedConfig config) {
    this.vocabulary = vocabulary;
    int width = config.intValue("embedding");
    int hidden = config.intValue("hidden");
    this.dropout = config.doubleValue("dropout");
    this.lanes = config.intValue("lanes");
    if (lanes < 1) {
      throw new dev.rulebench.config.ConfigException("lanes must be at least 1, was " + lanes);
    }
    this.embedding = new Embedding(parameters.scoped("embedding"), vocabulary, width);
    int input = width;
    for (int l = 0; l < config.intValue("layers"); l++) {
      layers.add(new Lstm(parameters.scoped("lstm" + l), input, hidden));
      input = hidden;
    }
    this.head = Dense.linear(parameters.scoped("head"), hidden, vocabulary, true);
  }

  @Override
  public Operand<TFloat32> logits(Ops tf, Operand<TInt32> inputs, Mode mode) {
    // time-major for the fused kernel: [T, B, width]
    Operand<TInt32> timeMajor = tf.linalg.transpose(inputs, tf.constant(new int[] {1, 0}));
    Operand<TFloat32> x = embedding.lookup(tf, timeMajor);
    Operand<TInt64> steps = tf.dtypes.cast(Dims.of(tf, timeMajor, 0), TInt64.class);
    Operand<TInt32> batch = Dims.of(tf, timeMajor, 1);
    // independent row groups run their layer stacks side by side, one core each
    List<Operand<TFloat32>> groups = new ArrayList<>();
    if (lanes == 1) {
      groups.add(x);
    } else {
      List<Operand<TInt32>> sizes = new ArrayList<>();
      Operand<TInt32> share = tf.math.floorDiv(batch, tf.constant(lanes));
      for (int i = 0; i < lanes - 1; i++) {
        sizes.add(share);
      }
      sizes.add(tf.math.sub(batch, tf.math.mul(share, tf.constant(lanes - 1))));
      tf.splitV(x, tf.stack(sizes), tf.constant(1), (long) lanes).forEach(groups::add);
    }
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (Operand<TFloat32> group : groups) {
      Operand<TFloat32> h = group;
      Operand<TInt32> rows = Dims.of(tf, group, 1);
      for (Lstm layer : layers) {
        Operand<TFloat32> zeros = tf.fill(tf.stack(List.of(rows, tf.constant(layer.hidden()))), tf.constant(0f));
        h = layer.run(tf, h, zeros, zeros, steps).outputs();
      }
      outputs.add(h);
    }
    x = outputs.size() == 1 ? outputs.get(0) : tf.concat(outputs, tf.constant(1));
    Operand<TFloat32> top = Dropout.apply(tf, mode, x, dropout);
    int hidden = layers.get(layers.size() - 1).hidden();
    Operand<TFloat32> rows = head.apply(tf, tf.reshape(top, tf.constant(new int[] {-1, hidden})));
    Operand<TFloat32> timeMajorLogits = tf.reshape(rows,
        tf.concat(List.of(tf.shape(timeMajor), tf.constant(new int[] {vocabulary})), tf.constant(0)));
    return tf.linalg.transpose(timeMajorLogits, tf.constant(new int[] {1, 0, 2}));
  }

  @Override
  public IncrementalDecoder decoder(Ops tf) {
    return new IncrementalDecoder() {
      private final CarriedState state = new CarriedState(tf);
      private final List<CarriedState.Carried> hs = new ArrayList<>();
      private final List<CarriedState.Carried> cs = new ArrayList<>();

      @Override
      public Op reset(Ops scope, Operand<TInt32> rows, Operand<TInt32> capacity) {
        for (int l = 0; l < layers.size(); l++) {
          Operand<TInt32> shape = Dims.shape(scope, List.of(rows, scope.constant(layers.get(l).hidden())));
          hs.add(state.carried("decode.lstm" + l + ".h", shape));
          cs.add(state.carried("decode.lstm" + l + ".c", shape));
        }
        return state.reset();
      }

      @Override
      public Step step(Ops scope, Operand<TInt32> tokens, Operand<TInt32> position, Operand<TInt32> firstRow) {
        Operand<TFloat32> x = scope.expandDims(embedding.lookup(scope, tokens), scope.constant(0));
        List<Operand<TFloat32>> newH = new ArrayList<>();
        List<Operand<TFloat32>> newC = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
          Lstm.Run run = layers.get(l).run(scope, x, hs.get(l).read(scope), cs.get(l).read(scope), scope.constant(1L));
          newH.add(run.lastHidden());
          newC.add(run.lastCell());
          x = run.outputs();
        }
        int hidden = layers.get(layers.size() - 1).hidden();
        Operand<TFloat32> logits = head.apply(scope, scope.reshape(x, scope.constant(new int[] {-1, hidden})));
        // store the new state only after everything that reads the old state has run
        Ops after = scope.withControlDependencies(List.of(logits));
        List<Op> updates = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
          updates.add(hs.get(l).store(after, newH.get(l)));
          updates.add(cs.get(l).store(after, newC.get(l)));
        }
        return new Step(logits, updates);
      }
    };
  }
}
