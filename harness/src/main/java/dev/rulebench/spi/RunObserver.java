package dev.rulebench.spi;

import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Something that follows every run wherever it is started (command line or engine), such as a
 * TensorBoard log writer. Implementations are found through {@link ServiceLoader}
 * ({@code META-INF/services/dev.rulebench.spi.RunObserver}).
 */
public interface RunObserver {

  /**
   * A listener for one run.
   *
   * @param outputDirectory the run's output root, e.g. {@code target/rulebench}
   */
  ProgressListener listenerFor(Trial trial, Path outputDirectory);

  /** The listeners of every registered observer for one run, combined. */
  static ProgressListener discovered(Trial trial, Path outputDirectory, ClassLoader loader) {
    List<ProgressListener> listeners = new ArrayList<>();
    for (RunObserver observer : ServiceLoader.load(RunObserver.class, loader)) {
      listeners.add(observer.listenerFor(trial, outputDirectory));
    }
    return ProgressListener.all(listeners);
  }
}
