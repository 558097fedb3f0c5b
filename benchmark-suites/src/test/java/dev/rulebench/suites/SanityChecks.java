package dev.rulebench.suites;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import org.opentest4j.AssertionFailedError;

/**
 * What the papers' suites check on every run, at every scale: properties of training itself, never
 * of how close a cell comes to the paper (that is what the tables and the baselines are for).
 */
public final class SanityChecks {

  private SanityChecks() {}

  /**
   * Training did something: the run's test loss (as the aggregation reads it) is below its first
   * validation's. A run with a single validation has nothing to compare.
   */
  public static void testLossFell(RunResult run, HistoryAggregation aggregation) {
    if (run.history().size() < 2) {
      return;
    }
    double first = run.history().get(0).metrics().get(Metric.TEST_LOSS);
    double later = run.metrics(aggregation).get(Metric.TEST_LOSS);
    if (!(later < first)) {
      throw new AssertionFailedError(run.language() + " " + run.architecture() + " seed " + run.seed()
          + ": the test loss never fell below its first validation's " + first, "< " + first, later);
    }
  }
}
