package dev.rulebench.models.tf.graph;

import dev.rulebench.config.Settings;
import dev.rulebench.models.tf.device.DevicePlan;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How a model's session runs: device and thread pools, from the model spec and two system
 * properties.
 *
 * <ul>
 *   <li>{@code rulebench.tf.intraOpThreads}: threads one op may use (default: all cores, or what the
 *       architecture prefers);
 *   <li>{@code rulebench.tf.interOpThreads}: ops that may run at once (default: all cores);
 *   <li>{@code rulebench.tf.grappler}: {@code true} to run TensorFlow's graph optimizer (default off);
 *   <li>{@code rulebench.tf.decodeLanes}: shards of a batch decoded at once (default 2).
 * </ul>
 */
public final class SessionSettings {

  /** System property: threads inside one op. */
  public static final String INTRA_OP_THREADS = "rulebench.tf.intraOpThreads";
  /** System property: independent ops run at once. */
  public static final String INTER_OP_THREADS = "rulebench.tf.interOpThreads";

  /** System property: {@code true} runs TensorFlow's grappler graph optimizer (off by default). */
  public static final String GRAPPLER = "rulebench.tf.grappler";

  private static final String JAVA_VERSION = readJavaVersion();

  private SessionSettings() {}

  /** System property: batches decoded at once by separate threads (default 2). */
  public static final String DECODE_LANES = "rulebench.tf.decodeLanes";

  /** How many shards of a batch decode at once (see {@link dev.rulebench.models.tf.decode.Completer}). */
  public static int decodeLanes() {
    int lanes = Settings.integer(DECODE_LANES, 2);
    if (lanes < 1) {
      throw new IllegalArgumentException(DECODE_LANES + " must be at least 1, was " + lanes);
    }
    return lanes;
  }

  /** Threads one op may use: {@code rulebench.tf.intraOpThreads} if set, else {@code preferred}. */
  public static int intraOpThreads(int preferred) {
    return Settings.integer(INTRA_OP_THREADS, preferred);
  }

  /** The training session's configuration for a device, with all cores for one op unless set. */
  public static ConfigProto config(DevicePlan device) {
    int cores = Runtime.getRuntime().availableProcessors();
    return config(device, cores, cores);
  }

  /**
   * The training session's configuration for a device.
   *
   * @param intraOpThreads the run's share of the cores or the architecture's preference, unless
   *     {@code rulebench.tf.intraOpThreads} is set
   * @param interOpThreads the run's share of the cores, unless {@code rulebench.tf.interOpThreads} is set
   */
  public static ConfigProto config(DevicePlan device, int intraOpThreads, int interOpThreads) {
    ConfigProto.Builder config = ownPools(intraOpThreads(intraOpThreads),
        Settings.integer(INTER_OP_THREADS, interOpThreads));
    // each session places only the subgraphs it runs, not the whole graph the training and decoding
    // sessions share (about 27 000 nodes for Mamba and xLSTM): 0.6–1.0 s less graph build for those
    GraphOptions.Builder graph = GraphOptions.newBuilder().setPlacePrunedGraph(true);
    if (!Settings.bool(GRAPPLER, false)) {
      // grappler's constant folding alone costs seconds on the first step of a Transformer graph and
      // gains nothing measurable per step: these graphs are built lean by hand; for the same reason
      // the classic optimizer (common subexpressions, constant folding) is off for training (the
      // decoding session turns it back on)
      graph.setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true))
          .setOptimizerOptions(OptimizerOptions.newBuilder().setOptLevel(OptimizerOptions.Level.L0));
    }
    return device.configure(config.setGraphOptions(graph)).build();
  }

  /**
   * A session for a few small ops besides the models' (the GPU probe, TensorBoard's event writer):
   * one thread, and thread pools of its own. TensorFlow sizes its shared pools by the first session
   * of the process, and reads {@value PerSessionThreadPools#VARIABLE} only then: the GPU probe's
   * session, built with the defaults before any model's, gave every later session of the JVM two
   * inter-op and two intra-op threads, so a run meant to use one core kept 1.45 busy (a Dyck xLSTM
   * at {@code quick}) and two such runs side by side took each other's cores.
   */
  public static ConfigProto.Builder auxiliary() {
    return ownPools(1, 1);
  }

  /**
   * A session with thread pools of its own, of these sizes: without them only the first session of
   * the process would size the pools every session shares.
   */
  private static ConfigProto.Builder ownPools(int intraOpThreads, int interOpThreads) {
    PerSessionThreadPools.ensure();  // the intra-op pool: before the process's first CPU device
    return ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads).setUsePerSessionThreads(true);
  }

  /**
   * The decoding session's configuration: one thread per op (a decoding step is hundreds of small
   * ops, which lose more to splitting than they gain; this takes effect because each session has
   * its own pool, see {@link PerSessionThreadPools}), one inter-op thread per decoding lane, and
   * TensorFlow's classic graph optimizer on, which folds each token's shape arithmetic into
   * constants (without it the Transformer's evaluation took 15 % longer).
   */
  public static ConfigProto decodeConfig(DevicePlan device) {
    ConfigProto.Builder config = ConfigProto.newBuilder(config(device))
        .setIntraOpParallelismThreads(1)
        .setInterOpParallelismThreads(decodeLanes());
    config.setGraphOptions(GraphOptions.newBuilder(config.getGraphOptions())
        .setOptimizerOptions(OptimizerOptions.newBuilder().setOptLevel(OptimizerOptions.Level.L1)));
    return config.build();
  }

  /** What results record as the backend, e.g. {@code TensorFlow 2.18.0 (TensorFlow Java 1.1.0, linux-x86_64)}. */
  public static String backend() {
    return "TensorFlow " + TensorFlow.version() + " (TensorFlow Java " + JAVA_VERSION + ")";
  }

  private static String readJavaVersion() {
    try (InputStream in = SessionSettings.class.getResourceAsStream("/dev/rulebench/models/tf/tensorflow-java.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown") + ", " + properties.getProperty("classifier", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
