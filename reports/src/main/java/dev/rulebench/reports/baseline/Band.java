package dev.rulebench.reports.baseline;

import dev.rulebench.eval.Metric;
import java.util.Locale;

/**
 * A metric's baseline value and how far a later build's value may move from it. By default a
 * change either way beyond the tolerance fails ({@link Sides#EITHER}): a better number is a change
 * to review and record by refreshing the baseline. A one-sided band ({@link Sides#WORSE}) fails only
 * in the worse direction: an accuracy below {@code mean − tolerance}, the test loss above
 * {@code mean + tolerance}.
 *
 * @param mean the baseline cell's mean over its seeds
 * @param tolerance how far a later mean may move
 * @param sides which directions fail
 * @param seedStd the standard deviation of the baseline's seeds (what the tolerance was made from),
 *     for a reader of the file; null when not recorded
 * @param granularity the smallest change of the metric one prompt makes (1 / prompts for a finished
 *     fraction, 1 / finished completions for a rule metric), the tolerance's floor; null for the loss
 *     or when the runs did not record their prompt counts
 */
public record Band(double mean, double tolerance, Sides sides, Double seedStd, Double granularity) {

  /** Which directions of change fail a band. */
  public enum Sides {
    /** A change either way beyond the tolerance. */
    EITHER,
    /** Only a change for the worse (lower accuracy, higher loss). */
    WORSE
  }

  public Band {
    if (!Double.isFinite(mean) || !(tolerance >= 0)) {
      throw new IllegalArgumentException("a baseline band needs a finite mean and a tolerance ≥ 0, not " + mean
          + " ± " + tolerance);
    }
    if (sides == null) {
      throw new IllegalArgumentException("a baseline band needs its sides (either or worse)");
    }
  }

  /** A two-sided band with nothing recorded about where its tolerance came from. */
  public static Band either(double mean, double tolerance) {
    return new Band(mean, tolerance, Sides.EITHER, null, null);
  }

  /** Whether a value of the metric is within the band. */
  public boolean admits(Metric metric, double value) {
    boolean notWorse = metric.isAccuracy() ? value >= mean - tolerance : value <= mean + tolerance;
    boolean notBetter = metric.isAccuracy() ? value <= mean + tolerance : value >= mean - tolerance;
    return sides == Sides.WORSE ? notWorse : notWorse && notBetter;
  }

  /**
   * "0.7200 ± 0.1000 (fails below 0.6200 or above 0.8200)"; one-sided, or where an accuracy cannot
   * leave [0, 1] on one side, only the side that can fail.
   */
  public String describe(Metric metric) {
    double low = mean - tolerance;
    double high = mean + tolerance;
    boolean failsLow = (sides == Sides.EITHER || metric.isAccuracy()) && !(metric.isAccuracy() && low <= 0);
    boolean failsHigh = (sides == Sides.EITHER || !metric.isAccuracy()) && !(metric.isAccuracy() && high >= 1);
    String fails = failsLow && failsHigh ? "below " + number(low) + " or above " + number(high)
        : failsLow ? "below " + number(low) : failsHigh ? "above " + number(high) : "never: it admits every value";
    return String.format(Locale.ROOT, "%s ± %s (fails %s)", number(mean), number(tolerance), fails);
  }

  static String number(double value) {
    return String.format(Locale.ROOT, Math.abs(value) < 0.01 && value != 0 ? "%.5f" : "%.4f", value);
  }
}
