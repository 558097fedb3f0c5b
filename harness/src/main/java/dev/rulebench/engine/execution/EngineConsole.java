package dev.rulebench.engine.execution;

import dev.rulebench.api.RunResult;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.io.Messages;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the engine itself prints to standard error (training progress comes from the executor):
 * replays from the cache, cache problems, failed runs and checks, and a closing summary.
 * Plain lines, so a CI log reads as well as a terminal.
 */
final class EngineConsole {

  private final PrintStream out;
  private final boolean enabled;
  private final AtomicInteger trained = new AtomicInteger();
  private final AtomicInteger replayed = new AtomicInteger();
  private final AtomicInteger failedRuns = new AtomicInteger();
  private final AtomicInteger abortedRuns = new AtomicInteger();
  private final AtomicInteger passedChecks = new AtomicInteger();
  private final AtomicInteger failedChecks = new AtomicInteger();
  private final AtomicInteger skippedChecks = new AtomicInteger();

  EngineConsole(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  void replayed(RunDescriptor run, RunResult result) {
    replayed.incrementAndGet();
    Metrics m = result.paperMetrics();
    line(String.format(Locale.ROOT, "%s replayed from the cache: test loss %.4f, OOD R1 %s,"
        + " OOD R2-completion %s", label(run), m.testLoss(), m.format(Metric.OOD_R1),
        m.format(Metric.OOD_R2_COMPLETION)));
  }

  void trained() {
    trained.incrementAndGet();
  }

  void cacheProblem(RunDescriptor run, String problem) {
    line(label(run) + " " + problem);
  }

  void runEnded(RunDescriptor run, RunOutcome outcome) {
    if (!outcome.successful()) {
      (outcome.aborted() ? abortedRuns : failedRuns).incrementAndGet();
      line(label(run) + " " + outcome.describeFailure());
    }
  }

  void checkPassed() {
    passedChecks.incrementAndGet();
  }

  void checkFailed(String where, Throwable failure) {
    failedChecks.incrementAndGet();
    line(where + " check failed: " + Messages.firstLine(failure));
  }

  void checkSkipped() {
    skippedChecks.incrementAndGet();
  }

  void summary() {
    int runs = trained.get() + replayed.get() + failedRuns.get() + abortedRuns.get();
    if (runs == 0) {
      return;
    }
    line(String.format(Locale.ROOT, "RuleBench: %d run%s (%d trained, %d replayed from the cache, %d failed,"
            + " %d aborted); checks: %d passed, %d failed, %d skipped", runs, runs == 1 ? "" : "s", trained.get(),
        replayed.get(),
        failedRuns.get(), abortedRuns.get(), passedChecks.get(), failedChecks.get(), skippedChecks.get()));
  }

  static String label(RunDescriptor run) {
    return "[" + run.cell().language().name() + " " + run.cell().architectureName() + " seed " + run.seed() + "]";
  }

  private void line(String text) {
    if (enabled) {
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    }
  }
}
