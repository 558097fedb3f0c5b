package dev.rulebench.maven.summary;

import java.util.List;

/**
 * One suite's outcome.
 *
 * @param suite the suite class
 * @param status PASSED, FAILED (a check or run failed), CRASHED (its JVM died), ABORTED (no run could start) or
 *     NOT_RUN
 * @param runsPassed runs that trained or were replayed
 * @param runsFailed runs that failed (the training threw)
 * @param runsAborted runs that could not start (e.g. their architecture is not on the class path)
 * @param trained runs trained in this build
 * @param replayed runs replayed from the result cache
 * @param checksPassed checks that held
 * @param checksFailed checks that did not
 * @param checksSkipped checks without input (their run failed or was aborted)
 * @param problems failures, crashes and aborted runs, one line each
 * @param results the run result files written
 */
public record SuiteSummary(
    String suite,
    String status,
    int runsPassed,
    int runsFailed,
    int runsAborted,
    int trained,
    int replayed,
    int checksPassed,
    int checksFailed,
    int checksSkipped,
    List<Problem> problems,
    List<String> results) {

  public static final String PASSED = "PASSED";
  public static final String FAILED = "FAILED";
  public static final String CRASHED = "CRASHED";
  public static final String NOT_RUN = "NOT_RUN";
  /** Every run was aborted (e.g. its architecture is not on the class path): nothing failed, nothing ran. */
  public static final String ABORTED = "ABORTED";

  public SuiteSummary {
    problems = List.copyOf(problems);
    results = List.copyOf(results);
  }

  /** "2 runs (1 trained, 1 replayed), checks: 3 passed, 1 failed". */
  public String counts() {
    int runs = runsPassed + runsFailed + runsAborted;
    StringBuilder text = new StringBuilder();
    text.append(runs).append(runs == 1 ? " run" : " runs").append(" (").append(trained).append(" trained, ")
        .append(replayed).append(" replayed");
    if (runsFailed > 0) {
      text.append(", ").append(runsFailed).append(" failed");
    }
    if (runsAborted > 0) {
      text.append(", ").append(runsAborted).append(" aborted");
    }
    text.append("), checks: ").append(checksPassed).append(" passed, ").append(checksFailed).append(" failed");
    if (checksSkipped > 0) {
      text.append(", ").append(checksSkipped).append(" skipped");
    }
    return text.toString();
  }
}
