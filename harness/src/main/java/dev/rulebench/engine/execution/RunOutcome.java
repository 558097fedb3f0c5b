package dev.rulebench.engine.execution;

import dev.rulebench.api.RunResult;
import dev.rulebench.io.Messages;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;

/**
 * How a run ended: with a result (trained or replayed) or with a failure; aborted failures are
 * runs that could not start or were cancelled.
 *
 * @param result the result, when there is one
 * @param cache where it came from ({@link dev.rulebench.api.ReportEntryKeys#CACHE})
 * @param failure what went wrong, unwrapped
 * @param aborted whether the failure is an abort rather than a crash
 */
record RunOutcome(Optional<RunResult> result, String cache, Throwable failure, boolean aborted) {

  static RunOutcome success(RunResult result, String cache) {
    return new RunOutcome(Optional.of(result), cache, null, false);
  }

  static RunOutcome failed(Throwable failure) {
    return new RunOutcome(Optional.empty(), "", failure, false);
  }

  static RunOutcome aborted(Throwable failure) {
    return new RunOutcome(Optional.empty(), "", failure, true);
  }

  boolean successful() {
    return result.isPresent();
  }

  TestExecutionResult executionResult() {
    if (successful()) {
      return TestExecutionResult.successful();
    }
    return aborted ? TestExecutionResult.aborted(failure) : TestExecutionResult.failed(failure);
  }

  /** "was aborted: …" or "failed: …", for the reason its checks are skipped. */
  String describeFailure() {
    return (aborted ? "was aborted: " : "failed: ") + Messages.firstLine(failure);
  }
}
