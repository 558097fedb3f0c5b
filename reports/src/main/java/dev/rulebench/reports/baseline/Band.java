package dev.rulebench.reports.baseline;

import dev.rulebench.eval.Metric;
import java.util.Locale;

/**
 * A metric's baseline value and how far a later build may fall from it. Only the worse direction
 * counts: an accuracy regresses below {@code mean − tolerance}, the test loss above
 * {@code mean + tolerance}.
 *
 * @param mean the baseline cell's mean over its seeds
 * @param tolerance how much worse a later mean may be
 */
public record Band(double mean, double tolerance) {

  public Band {
    if (!Double.isFinite(mean) || !(tolerance >= 0)) {
      throw new IllegalArgumentException("a baseline band needs a finite mean and a tolerance ≥ 0, not " + mean
          + " ± " + tolerance);
    }
  }

  /** Whether a value of the metric is within the band (or better). */
  public boolean admits(Metric metric, double value) {
    return metric.isAccuracy() ? value >= limit(metric) : value <= limit(metric);
  }

  /** The worst value still admitted. */
  public double limit(Metric metric) {
    return metric.isAccuracy() ? mean - tolerance : mean + tolerance;
  }

  /** "0.720 ± 0.100 (fails below 0.620)". */
  public String describe(Metric metric) {
    return String.format(Locale.ROOT, "%s ± %s (fails %s %s)", number(mean), number(tolerance),
        metric.isAccuracy() ? "below" : "above", number(limit(metric)));
  }

  static String number(double value) {
    return String.format(Locale.ROOT, Math.abs(value) < 0.01 && value != 0 ? "%.5f" : "%.4f", value);
  }
}
