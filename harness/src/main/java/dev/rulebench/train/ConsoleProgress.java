package dev.rulebench.train;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Settings;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.trial.Trial;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints a run's progress: a line when it starts, after each validation and when it ends, and a
 * live "step, loss, time left" line in between. On a terminal the live line is rewritten in place;
 * in a plain log (CI) it is printed as a new line at most every {@code logInterval}.
 */
public final class ConsoleProgress implements ProgressListener {

  private final PrintStream out;
  private final boolean terminal;
  private final Duration logInterval;
  private long lastPrinted;
  private boolean liveLineOpen;

  public ConsoleProgress(PrintStream out, boolean terminal, Duration logInterval) {
    this.out = out;
    this.terminal = terminal;
    this.logInterval = logInterval;
  }

  /**
   * The system property that says whether standard error reaches a terminal, for a process that
   * cannot tell by itself: the Maven plugin's forked JVM writes to a pipe that the plugin copies to
   * the user's terminal. {@code true} or {@code false}; unset, the console decides.
   */
  public static final String TERMINAL_PROPERTY = "rulebench.progress.terminal";

  /** For the process's own console: rewrites in place only when attached to a terminal. */
  public static ConsoleProgress forStandardError() {
    boolean terminal = Settings.bool(TERMINAL_PROPERTY, System.console() != null);
    return new ConsoleProgress(System.err, terminal, Duration.ofSeconds(10));
  }

  @Override
  public synchronized void started(Trial trial, long plannedSteps) {
    line(label(trial) + " started: up to " + plannedSteps + " steps");
    lastPrinted = System.nanoTime();
  }

  @Override
  public synchronized void stepped(Trial trial, long step, long plannedSteps, int epoch, double loss,
      Duration elapsed, Duration remaining) {
    long now = System.nanoTime();
    Duration interval = terminal ? Duration.ofMillis(200) : logInterval;
    if (now - lastPrinted < interval.toNanos() && step != plannedSteps) {
      return;
    }
    lastPrinted = now;
    String text = String.format(Locale.ROOT, "%s step %d/%d loss %.4f elapsed %s left ~%s", label(trial), step,
        plannedSteps, loss, format(elapsed), format(remaining));
    if (terminal) {
      out.print("\r" + text + "\033[K");
      out.flush();
      liveLineOpen = true;
    } else {
      out.println(text);
    }
  }

  @Override
  public synchronized void resumed(Trial trial, long step) {
    line(label(trial) + " resumed from its verified checkpoint at step " + step);
  }

  @Override
  public synchronized void checkpointDiscarded(Trial trial, String reason) {
    line(label(trial) + " " + reason);
  }

  @Override
  public synchronized void validated(Trial trial, EvaluationPoint point) {
    Metrics m = point.metrics();
    line(String.format(Locale.ROOT, "%s validation at step %d: test loss %.4f, ID R1 %s, OOD R1 %s,"
            + " OOD R2-completion %s, OOD finished %.3f", label(trial), point.step(), m.get(Metric.TEST_LOSS),
        m.format(Metric.ID_R1), m.format(Metric.OOD_R1), m.format(Metric.OOD_R2_COMPLETION),
        m.get(Metric.OOD_FINISHED)));
  }

  @Override
  public synchronized void finished(Trial trial, RunResult result) {
    line(label(trial) + " finished: " + result.stopReason() + " in " + format(
        Duration.ofMillis((long) (result.timings().totalSeconds() * 1000))));
  }

  @Override
  public synchronized void failed(Trial trial, Throwable error) {
    line(label(trial) + " failed: " + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()));
  }

  private void line(String text) {
    if (liveLineOpen) {
      out.print("\r\033[K");
      liveLineOpen = false;
    }
    out.println(text);
    out.flush();
  }

  private static String label(Trial trial) {
    return "[" + trial.language() + " " + trial.architecture() + " seed " + trial.seed() + "]";
  }

  static String format(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
