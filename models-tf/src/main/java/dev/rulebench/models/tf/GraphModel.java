package dev.rulebench.models.tf;

import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelInfo;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import dev.rulebench.models.tf.checkpoint.VariableCheckpoint;
import dev.rulebench.models.tf.decode.Completer;
import dev.rulebench.models.tf.device.DevicePlan;
import dev.rulebench.models.tf.graph.InjectedFaults;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.graph.Parameters;
import dev.rulebench.models.tf.graph.SessionSettings;
import dev.rulebench.models.tf.graph.StepProfile;
import dev.rulebench.models.tf.graph.Tensors;
import dev.rulebench.models.tf.layers.Mode;
import dev.rulebench.models.tf.train.AdamW;
import dev.rulebench.models.tf.train.CrossEntropy;
import dev.rulebench.spi.RandomStreams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A {@link Network} made trainable: one TensorFlow graph holding the training step (dropout on,
 * weighted cross-entropy, AdamW), the test loss (dropout off), the incremental decoder and the
 * checkpoint ops, all built once and sharing the variables; one session trains and tests, a second
 * session decodes with the weights copied over when they changed.
 *
 * <p>A step feeds four tensors (tokens, weights, learning rate, dropout seed) and fetches one
 * scalar; nothing is rebuilt between steps.
 */
public final class GraphModel implements TrainableModel {

  private final Graph graph;
  private final Session session;
  private final DevicePlan device;
  /** Opened at the first decoding, so that training starts without it (0.2–0.3 s at paper scale). */
  private Session decodeSession;
  private final List<Variable<?>> trainedWeights;
  private boolean decodeWeightsCurrent;
  private final long seed;
  private final Placeholder<TInt32> tokens;
  private final Placeholder<TFloat32> weights;
  private final Placeholder<TFloat32> learningRate;
  private final Placeholder<TInt64> dropoutSeed;
  private final Operand<TFloat32> trainLoss;
  private final Op update;
  private final Operand<TFloat32> testLoss;
  private final Operand<TFloat32> testLogits;
  private final int vocabulary;
  private final Completer completer;
  private final VariableCheckpoint checkpoint;
  private final ModelInfo info;

  private GraphModel(Graph graph, ModelSpec spec, TensorFlowArchitecture architecture) {
    this.graph = graph;
    this.seed = spec.seed();
    this.device = DevicePlan.resolve(spec.device());
    Ops tf = device.place(Ops.create(graph));
    Parameters parameters = new Parameters(tf.withSubScope(architecture.name()), spec.seed());
    // every other name scope is opened now, while the graph is small: in TensorFlow Java 1.1.0
    // withSubScope reads the name of every op in the graph (0.1 s at a Mamba's 27,000 ops)
    Ops train = tf.withSubScope("train");
    Ops test = tf.withSubScope("test");
    List<Ops> decodeLanes = Completer.laneScopes(tf, SessionSettings.decodeLanes());
    Ops checkpointScope = tf.withSubScope("checkpoint");
    Network network = architecture.network(tf, parameters, spec);

    tokens = tf.withName("tokens").placeholder(TInt32.class);
    weights = tf.withName("weights").placeholder(TFloat32.class);
    learningRate = tf.withName("learning_rate").placeholder(TFloat32.class);
    dropoutSeed = tf.withName("dropout_seed").placeholder(TInt64.class);
    // a batch row holds positions 0 … n−1: the model reads 0 … n−2 and predicts 1 … n−1
    Operand<TInt32> inputs = tf.withName("inputs").stridedSlice(tokens, Indices.all(), Indices.sliceTo(-1));
    Operand<TInt32> targets = InjectedFaults.targets(tf, tf.withName("targets").stridedSlice(tokens, Indices.all(),
        Indices.sliceFrom(1)));
    int vocabulary = spec.vocabularySize();

    trainLoss = CrossEntropy.weightedSum(train, network.logits(train, inputs, Mode.training(dropoutSeed)), targets,
        weights, vocabulary);
    AdamW adamW = new AdamW(train, InjectedFaults.trained(parameters.all()), trainLoss, learningRate,
        spec.optimizer());
    update = adamW.update();

    testLogits = network.logits(test, inputs, InjectedFaults.evaluationMode(test));
    testLoss = CrossEntropy.weightedSum(test, testLogits, targets, weights, vocabulary);
    this.vocabulary = vocabulary;

    completer = new Completer(decodeLanes, network::decoder);

    List<Variable<?>> saved = new ArrayList<>();
    parameters.all().forEach(p -> saved.add(p.variable()));
    this.trainedWeights = List.copyOf(saved);
    saved.addAll(adamW.state());
    checkpoint = new VariableCheckpoint(checkpointScope, saved);

    // a run sharing the machine with others keeps to its share of the cores (spec.threads())
    int cores = Runtime.getRuntime().availableProcessors();
    session = new Session(graph, SessionSettings.config(device,
        spec.threads() > 0 ? spec.threads() : architecture.intraOpThreads(cores),
        spec.threads() > 0 ? spec.threads() : cores));
    session.initialize();
    info = new ModelInfo(parameters.count(), device.recorded(), SessionSettings.backend() + nativeKernelsIn(graph));
  }

  /** What results add to the backend when the graph runs RuleBench's own kernels (graph/NativeKernels). */
  private static String nativeKernelsIn(Graph graph) {
    Iterator<GraphOperation> operations = graph.operations();
    while (operations.hasNext()) {
      if (operations.next().type().startsWith(NativeKernels.OP_PREFIX)) {
        return " + RuleBench native kernels";
      }
    }
    return "";
  }

  /** Builds the graph and session of an architecture's network for a spec. */
  static GraphModel build(ModelSpec spec, TensorFlowArchitecture architecture) {
    Graph graph = new Graph();
    try (NativeKernels.ThreadBudget budget = NativeKernels.threadBudget(spec.threads())) {
      return new GraphModel(graph, spec, architecture);
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  @Override
  public double trainStep(TokenBatch batch, double rate, long step) {
    try (TrainFeeds feeds = new TrainFeeds(batch, rate, step);
        Result result = feeds.runner().run()) {
      decodeWeightsCurrent = false;
      return Tensors.scalarValue(result.get(0));
    }
  }

  /** One training step, traced: where its time went. For benchmarks and tuning. */
  public StepProfile profileTrainStep(TokenBatch batch, double rate, long step) {
    try (TrainFeeds feeds = new TrainFeeds(batch, rate, step);
        Result result = feeds.runner().setOptions(StepProfile.TRACE).runAndFetchMetadata()) {
      decodeWeightsCurrent = false;
      return new StepProfile(result.getMetadata().orElseThrow());
    }
  }

  /** The graph's definition, to name what a profiled step kept in memory. */
  public GraphDef graphDef() {
    return graph.toGraphDef();
  }

  /** The four tensors of a training step, closed together. */
  private final class TrainFeeds implements AutoCloseable {
    private final TInt32 tokenTensor;
    private final TFloat32 weightTensor;
    private final TFloat32 rateTensor;
    private final TInt64 seedTensor;

    TrainFeeds(TokenBatch batch, double rate, long step) {
      tokenTensor = Tensors.ints(batch.tokens(), batch.rows(), batch.length());
      weightTensor = Tensors.floats(batch.weights(), batch.rows(), batch.length() - 1);
      rateTensor = Tensors.scalar((float) rate);
      // the run seed and the step fix every dropout mask, so a resumed run redraws the same ones
      seedTensor = Tensors.longs(new long[] {RandomStreams.derive(seed, "dropout", step), 0}, 2);
    }

    Session.Runner runner() {
      return session.runner().feed(tokens, tokenTensor).feed(weights, weightTensor).feed(learningRate, rateTensor)
          .feed(dropoutSeed, seedTensor).fetch(trainLoss).addTarget(update);
    }

    @Override
    public void close() {
      tokenTensor.close();
      weightTensor.close();
      rateTensor.close();
      seedTensor.close();
    }
  }

  @Override
  public double loss(TokenBatch batch) {
    try (TInt32 tokenTensor = Tensors.ints(batch.tokens(), batch.rows(), batch.length());
        TFloat32 weightTensor = Tensors.floats(batch.weights(), batch.rows(), batch.length() - 1);
        Result result = session.runner().feed(tokens, tokenTensor).feed(weights, weightTensor).fetch(testLoss)
            .run()) {
      return Tensors.scalarValue(result.get(0));
    }
  }

  /**
   * The next-token logits of the full forward pass (dropout off) at every position of equally long
   * sequences: {@code [rows][length][V]}. For tests and analysis; training never needs it.
   */
  public float[][][] logits(int[][] sequences) {
    int rows = sequences.length;
    int length = sequences[0].length;
    int[] flat = new int[rows * (length + 1)];
    for (int r = 0; r < rows; r++) {
      if (sequences[r].length != length) {
        throw new IllegalArgumentException("sequences must have equal lengths");
      }
      System.arraycopy(sequences[r], 0, flat, r * (length + 1), length);
    }
    // the graph reads positions 0 … n−2 of its token rows, so each row gets one unread position
    try (TInt32 tokenTensor = Tensors.ints(flat, rows, length + 1);
        Result result = session.runner().feed(tokens, tokenTensor).fetch(testLogits).run()) {
      float[] values = Tensors.toFloats((TFloat32) result.get(0));
      float[][][] out = new float[rows][length][vocabulary];
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < length; t++) {
          System.arraycopy(values, (r * length + t) * vocabulary, out[r][t], 0, vocabulary);
        }
      }
      return out;
    }
  }

  /**
   * Completes prompts without stopping at EOS: every row runs the whole budget, as the reference's
   * generation does. Benchmarks time this; evaluation uses {@link #complete}.
   */
  public int[][] completeFullBudget(int[][] prompts, DecodingOptions options) {
    return completer.complete(decodeSessionWithCurrentWeights(), prompts, options, false);
  }

  /** One greedy decoding step of {@code rows} rows with room for {@code capacity} positions, traced. */
  public StepProfile profileDecodeStep(int rows, int capacity) {
    return completer.profileStep(decodeSessionWithCurrentWeights(), rows, capacity, capacity / 2);
  }

  /** The incremental decoder's logits for the same sequences, fed one position at a time. */
  public float[][][] incrementalLogits(int[][] sequences) {
    return completer.stepLogits(decodeSessionWithCurrentWeights(), sequences);
  }

  @Override
  public int[][] complete(int[][] prompts, DecodingOptions options) {
    return completer.complete(decodeSessionWithCurrentWeights(), prompts, options);
  }

  /**
   * The decoding session, its weights first brought up to date with the training session's. Two
   * sessions on one graph keep separate variable values: training runs its large ops on every
   * core, decoding runs many small ops one core each, lanes in parallel (see {@link
   * SessionSettings#decodeConfig}); the copy of a few hundred thousand weights per evaluation is
   * negligible.
   */
  private Session decodeSessionWithCurrentWeights() {
    if (decodeSession == null) {
      decodeSession = new Session(graph, SessionSettings.decodeConfig(device));
      decodeSession.initialize();
    }
    if (!decodeWeightsCurrent) {
      checkpoint.copy(session, decodeSession, trainedWeights);
      decodeWeightsCurrent = true;
    }
    return decodeSession;
  }

  @Override
  public void saveCheckpoint(Path directory) {
    checkpoint.save(session, directory);
  }

  @Override
  public void restoreCheckpoint(Path directory) {
    checkpoint.restore(session, directory);
    decodeWeightsCurrent = false;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public void close() {
    if (decodeSession != null) {
      decodeSession.close();
    }
    session.close();
    graph.close();
  }
}
