package dev.rulebench.spark;

import dev.rulebench.spi.ExecutorSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a trial needs to know on the node that trains it, in a form that crosses the wire
 * ({@link ExecutorSettings} holds {@link Path}s, which are not serialisable). On the node it
 * becomes the settings of a {@link dev.rulebench.train.LocalTrialExecutor}, so a trial trains there
 * exactly as a local run does: progress to the executor's standard error, run observers, and
 * checkpoints (resumable after a lost executor where the directory is shared between nodes).
 *
 * @param outputDirectory where run observers write, as a path on the node
 * @param checkpointDirectory where trials keep checkpoints, as a path on the node, or null for none
 * @param progress whether to print training progress (to the executor's standard error)
 * @param parameters every {@code rulebench.*} configuration parameter
 */
public record NodeSettings(String outputDirectory, String checkpointDirectory, boolean progress,
    Map<String, String> parameters) implements Serializable {

  private static final long serialVersionUID = 1L;

  public NodeSettings {
    parameters = Map.copyOf(new TreeMap<>(parameters));
  }

  /** The engine's settings as the nodes see them. */
  public static NodeSettings of(ExecutorSettings settings) {
    return new NodeSettings(settings.outputDirectory().toString(),
        settings.checkpoints().map(Path::toString).orElse(null), settings.progress(), settings.parameters());
  }

  /** For programs that use the executor without the engine: no progress, no checkpoints. */
  public static NodeSettings defaults() {
    return new NodeSettings("target/rulebench", null, false, Map.of());
  }

  /** The settings of the executor that trains on the node: one trial per Spark task. */
  ExecutorSettings toExecutorSettings() {
    return new ExecutorSettings(1, 0, Path.of(outputDirectory), checkpointDirectory == null ? null : Path.of(checkpointDirectory),
        progress, parameters);
  }
}
