package dev.rulebench.reports.table;

import dev.rulebench.eval.Statistic;

/**
 * The range of means that agree with a published value: the published mean ± 2·std, or ± 0.05
 * where the published std is 0 (a cell in which every run of the authors gave the same value).
 */
public final class ReferenceBand {

  /** Half-width of the band around a published value whose std is 0. */
  public static final double ZERO_STD_TOLERANCE = 0.05;

  /** Rounding slack, so that a mean printed equal to the band's edge counts as inside. */
  private static final double SLACK = 1e-9;

  private ReferenceBand() {}

  public static double halfWidth(Statistic reference) {
    return reference.std() > 0 ? 2 * reference.std() : ZERO_STD_TOLERANCE;
  }

  public static boolean contains(Statistic reference, double mean) {
    return Math.abs(mean - reference.mean()) <= halfWidth(reference) + SLACK;
  }

  /** "[0.333, 0.981]": the band, for legends and tooltips. */
  public static String describe(Statistic reference, int decimals) {
    String pattern = "[%." + decimals + "f, %." + decimals + "f]";
    double half = halfWidth(reference);
    return String.format(java.util.Locale.ROOT, pattern, reference.mean() - half, reference.mean() + half);
  }
}
