package dev.rulebench.models.tf.tensorboard;

import dev.rulebench.config.Settings;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.RunObserver;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;

/**
 * Gives every run a {@link TensorBoardWriter}, so
 * {@code tensorboard --logdir target/rulebench/tensorboard} shows each run's curves. Registered in
 * {@code META-INF/services/dev.rulebench.spi.RunObserver}; set {@code rulebench.tensorboard=false}
 * to turn it off.
 */
public final class TensorBoardObserver implements RunObserver {

  /** The system property that turns the logs off. */
  public static final String ENABLED_PROPERTY = "rulebench.tensorboard";

  @Override
  public ProgressListener listenerFor(Trial trial, Path outputDirectory) {
    if (!Settings.bool(ENABLED_PROPERTY, true)) {
      return ProgressListener.NONE;
    }
    return new TensorBoardWriter(runDirectory(trial, outputDirectory));
  }

  /**
   * {@code <output>/tensorboard/<Suite>/<language>-<architecture>-<confighash>-seed<N>}: TensorBoard
   * shows the folder below the log directory as the run's name.
   */
  public static Path runDirectory(Trial trial, Path outputDirectory) {
    String suite = trial.suite();
    String suiteName = suite.substring(suite.lastIndexOf('.') + 1);
    String run = trial.cellId() + "-seed" + trial.seed();
    return outputDirectory.resolve("tensorboard").resolve(safe(suiteName)).resolve(safe(run));
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_.$-]", "_");
  }
}
