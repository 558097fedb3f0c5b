package dev.rulebench.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an executor is told when it is created: shared settings and every {@code rulebench.*}
 * configuration parameter, so executors can read keys of their own (e.g. {@code rulebench.spark.*}).
 *
 * @param parallelism {@code rulebench.parallelism}: trials to train at once in this JVM
 * @param threadsPerRun the CPU threads each of them may use, so parallel runs share the cores
 *     instead of fighting over them; 0 lets each architecture choose (one run at a time)
 * @param outputDirectory the output root, e.g. {@code target/rulebench}; observers such as the
 *     TensorBoard writer put their files below it
 * @param checkpointDirectory where trials keep checkpoints to resume from, one folder per cache
 *     key, or null when {@code rulebench.resume} is off
 * @param progress whether to print training progress to standard error
 * @param parameters every configuration parameter whose key starts with {@code rulebench.}
 *     <p>Not serialisable (it holds paths): an executor that ships work elsewhere sends what the
 *     node needs in a form of its own (the Spark executor's {@code NodeSettings}).
 */
public record ExecutorSettings(int parallelism, int threadsPerRun, Path outputDirectory, Path checkpointDirectory,
    boolean progress, Map<String, String> parameters) {

  public ExecutorSettings {
    if (parallelism <= 0) {
      throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
    }
    if (threadsPerRun < 0) {
      throw new IllegalArgumentException("threads per run must be 0 or positive, was " + threadsPerRun);
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
