package dev.rulebench.run;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an executor is told when it is created: shared settings and every {@code rulebench.*}
 * configuration parameter, so executors can read keys of their own (e.g. {@code rulebench.spark.*}).
 *
 * @param parallelism {@code rulebench.parallelism}: trials to train at once in this JVM
 * @param outputDirectory the output root, e.g. {@code target/rulebench}; observers such as the
 *     TensorBoard writer put their files below it
 * @param checkpointDirectory where trials keep checkpoints to resume from, one folder per cache
 *     key, or null when {@code rulebench.resume} is off
 * @param progress whether to print training progress to standard error
 * @param parameters every configuration parameter whose key starts with {@code rulebench.}
 */
public record ExecutorSettings(int parallelism, Path outputDirectory, Path checkpointDirectory, boolean progress,
    Map<String, String> parameters) implements Serializable {

  private static final long serialVersionUID = 1L;

  public ExecutorSettings {
    if (parallelism <= 0) {
      throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
    }
    parameters = Map.copyOf(new TreeMap<>(parameters));
  }

  public Optional<String> parameter(String key) {
    return Optional.ofNullable(parameters.get(key));
  }

  public Optional<Path> checkpoints() {
    return Optional.ofNullable(checkpointDirectory);
  }
}
