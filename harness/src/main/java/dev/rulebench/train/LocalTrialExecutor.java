package dev.rulebench.train;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Settings;
import dev.rulebench.io.Folders;
import dev.rulebench.spi.ExecutorSettings;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.RunObserver;
import dev.rulebench.spi.TrialExecutor;
import dev.rulebench.spi.TrialExecutorFactory;
import dev.rulebench.trial.Trial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Trains trials in this JVM, in the engine's calling threads (so {@code rulebench.parallelism}
 * trials at once), through {@link Trainer}: progress goes to standard error and to every
 * {@link RunObserver} on the class path. Other executors can use it where their trials land (for
 * instance on a cluster node) to train exactly as a local run does.
 */
public final class LocalTrialExecutor implements TrialExecutor {

  /** The name {@code rulebench.executor} selects. */
  public static final String NAME = "local";

  private final ExecutorSettings settings;
  private final ProgressListener console;

  public LocalTrialExecutor(ExecutorSettings settings) {
    this.settings = settings;
    Settings.install(settings.parameters());
    // one console for all trials, so the lines of parallel runs never tear each other
    this.console = settings.progress() ? ConsoleProgress.forStandardError() : ProgressListener.NONE;
  }

  @Override
  public int capacity() {
    return settings.parallelism();
  }

  @Override
  public boolean trainsOnLocalDevice() {
    return true;
  }

  @Override
  public RunResult execute(Trial trial, BooleanSupplier cancelRequested) {
    // again per trial: a JVM may hold executors of several engine runs (Spark caches one per node settings)
    Settings.install(settings.parameters());
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    ProgressListener listener = ProgressListener.all(
        List.of(console, RunObserver.discovered(trial, settings.outputDirectory(), loader)));
    Path checkpoint = settings.checkpoints().map(root -> root.resolve(trial.cacheKey())).orElse(null);
    RunResult result = new Trainer(listener, cancelRequested, checkpoint, settings.threadsPerRun()).run(trial);
    if (checkpoint != null) {
      // the result is final: a later run must replay it from the cache, never resume this one
      deleteRecursively(checkpoint);
    }
    return result;
  }

  private static void deleteRecursively(Path directory) {
    try {
      Folders.delete(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the finished run's checkpoint " + directory, e);
    }
  }

  /** Registers {@link LocalTrialExecutor} as {@code local}. */
  public static final class Factory implements TrialExecutorFactory {

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public TrialExecutor create(ExecutorSettings settings) {
      return new LocalTrialExecutor(settings);
    }
  }
}
