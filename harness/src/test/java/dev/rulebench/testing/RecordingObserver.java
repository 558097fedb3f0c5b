package dev.rulebench.testing;

import dev.rulebench.api.RunResult;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.RunObserver;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunObserver} that notes which runs it followed, and where their output goes. */
public final class RecordingObserver implements RunObserver {

  private static final List<String> FINISHED = new CopyOnWriteArrayList<>();

  @Override
  public ProgressListener listenerFor(Trial trial, Path outputDirectory) {
    return new ProgressListener() {
      @Override
      public void finished(Trial finished, RunResult result) {
        FINISHED.add(finished.language() + " " + finished.architecture() + " seed " + finished.seed() + " -> "
            + outputDirectory);
      }
    };
  }

  /** "language architecture seed N -> output directory", per finished run. */
  public static List<String> finished() {
    return List.copyOf(FINISHED);
  }

  public static void reset() {
    FINISHED.clear();
  }
}
