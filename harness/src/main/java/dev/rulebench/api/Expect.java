package dev.rulebench.api;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import java.util.Locale;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on metrics that read like the claim they check and fail with an opentest4j
 * {@link AssertionFailedError} carrying the expected bound and the actual value, so IDEs and
 * reports show both.
 *
 * <pre>{@code
 * Expect.that(run, Metric.OOD_R1).atLeast(0.5);          // one seed, the papers' protocol
 * Expect.that(cell, Metric.TEST_LOSS).atMost(0.1);       // the mean over the cell's seeds
 * Expect.that(run.bestMetrics().oodR1(), "OOD R1 at the best checkpoint").between(0.4, 1.0);
 * }</pre>
 *
 * <p>{@code that(run, metric)} and {@code that(cell, metric)} fail with the reason when no
 * completion finished (the metric is not measured); reading such a metric directly, as in the last
 * line, throws {@link dev.rulebench.eval.MetricNotMeasuredException} instead.
 */
public final class Expect {

  private Expect() {}

  /** A metric of one run under the papers' protocol (best accuracy, lowest loss over the history). */
  public static Value that(RunResult run, Metric metric) {
    String what = run.language() + " " + run.architecture() + " seed " + run.seed() + ": " + metric.label();
    if (run.paperMetrics().notMeasured().contains(metric)) {
      return new Value(Double.NaN, what, Metrics.notMeasuredReason(metric));
    }
    return new Value(run.metric(metric), what, null);
  }

  /** The mean of a metric over a cell's seeds, under the papers' protocol. */
  public static Value that(CellResult cell, Metric metric) {
    SeedAggregate paper = cell.paper();
    if (paper.notMeasured().contains(metric)) {
      return new Value(Double.NaN, cell.label() + ": mean " + metric.label(),
          Metrics.notMeasuredReason(metric) + " in any seed");
    }
    Statistic statistic = paper.get(metric);
    return new Value(statistic.mean(), cell.label() + ": mean " + metric.label() + " (" + statistic.format(3) + ")",
        null);
  }

  /** Any number, named for the message. */
  public static Value that(double actual, String what) {
    return new Value(actual, what, null);
  }

  /**
   * A number under test and how to name it in a failure. A metric that was not measured (no
   * completion finished) fails every expectation, with that reason.
   */
  public static final class Value {
    private final double actual;
    private final String what;
    private final String notMeasured;

    private Value(double actual, String what, String notMeasured) {
      this.actual = actual;
      this.what = what;
      this.notMeasured = notMeasured;
    }

    public Value atLeast(double bound) {
      return require(actual >= bound, "≥ " + format(bound));
    }

    public Value atMost(double bound) {
      return require(actual <= bound, "≤ " + format(bound));
    }

    public Value above(double bound) {
      return require(actual > bound, "> " + format(bound));
    }

    public Value below(double bound) {
      return require(actual < bound, "< " + format(bound));
    }

    /** Within {@code [low, high]}, both ends included. */
    public Value between(double low, double high) {
      return require(actual >= low && actual <= high, "in [" + format(low) + ", " + format(high) + "]");
    }

    /** Within {@code expected ± tolerance}. */
    public Value closeTo(double expected, double tolerance) {
      return require(Math.abs(actual - expected) <= tolerance, format(expected) + " ± " + format(tolerance));
    }

    private Value require(boolean holds, String expected) {
      if (notMeasured != null) {
        throw new AssertionFailedError(what + " should be " + expected + " but " + notMeasured, expected, null);
      }
      if (!holds) {
        throw new AssertionFailedError(what + " should be " + expected + " but was " + format(actual), expected,
            actual);
      }
      return this;
    }

    private static String format(double value) {
      return String.format(Locale.ROOT, "%.4g", value);
    }
  }
}
