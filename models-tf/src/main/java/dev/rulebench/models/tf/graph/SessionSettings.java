package dev.rulebench.models.tf.graph;

import dev.rulebench.models.tf.device.DevicePlan;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;

/**
 * How a model's session runs: device and thread pools, from the model spec and two system
 * properties.
 *
 * <ul>
 *   <li>{@code rulebench.tf.intraOpThreads}: threads one op may use (default: all cores);
 *   <li>{@code rulebench.tf.interOpThreads}: ops that may run at once (default: all cores).
 * </ul>
 */
public final class SessionSettings {

  /** System property: threads inside one op. */
  public static final String INTRA_OP_THREADS = "rulebench.tf.intraOpThreads";
  /** System property: independent ops run at once. */
  public static final String INTER_OP_THREADS = "rulebench.tf.interOpThreads";

  private static final String JAVA_VERSION = readJavaVersion();

  private SessionSettings() {}

  /** The session configuration for a device. */
  public static ConfigProto config(DevicePlan device) {
    int cores = Runtime.getRuntime().availableProcessors();
    ConfigProto.Builder config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(Integer.getInteger(INTRA_OP_THREADS, cores))
        .setInterOpParallelismThreads(Integer.getInteger(INTER_OP_THREADS, cores));
    String grappler = System.getProperty("rulebench.tf.grappler", "default");
    if (!grappler.equals("default")) {
      org.tensorflow.proto.RewriterConfig.Builder rewrite = org.tensorflow.proto.RewriterConfig.newBuilder();
      if (grappler.equals("off")) {
        rewrite.setDisableMetaOptimizer(true);
      } else {
        for (String part : grappler.split(",")) {
          String[] kv = part.split("=");
          org.tensorflow.proto.RewriterConfig.Toggle toggle = kv[1].equals("on")
              ? org.tensorflow.proto.RewriterConfig.Toggle.ON : org.tensorflow.proto.RewriterConfig.Toggle.OFF;
          switch (kv[0]) {
            case "constant" -> rewrite.setConstantFolding(toggle);
            case "arithmetic" -> rewrite.setArithmeticOptimization(toggle);
            case "dependency" -> rewrite.setDependencyOptimization(toggle);
            case "layout" -> rewrite.setLayoutOptimizer(toggle);
            case "shape" -> rewrite.setShapeOptimization(toggle);
            case "remapping" -> rewrite.setRemapping(toggle);
            case "memory" -> rewrite.setMemoryOptimization(toggle == org.tensorflow.proto.RewriterConfig.Toggle.ON
                ? org.tensorflow.proto.RewriterConfig.MemOptType.DEFAULT_MEM_OPT
                : org.tensorflow.proto.RewriterConfig.MemOptType.NO_MEM_OPT);
            case "loop" -> rewrite.setLoopOptimization(toggle);
            case "pruning" -> rewrite.setDisableModelPruning(toggle == org.tensorflow.proto.RewriterConfig.Toggle.OFF);
            default -> throw new IllegalArgumentException(kv[0]);
          }
        }
      }
      config.setGraphOptions(org.tensorflow.proto.GraphOptions.newBuilder().setRewriteOptions(rewrite));
    }
    return device.configure(config).build();
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
