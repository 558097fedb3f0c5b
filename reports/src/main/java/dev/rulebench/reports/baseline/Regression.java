package dev.rulebench.reports.baseline;

import dev.rulebench.eval.Metric;
import java.util.Locale;

/**
 * A metric of a cell that fell outside its baseline band.
 *
 * @param cell the baseline cell
 * @param metric the metric
 * @param band its band
 * @param actual this build's mean
 * @param runs how many runs this build's mean is over
 */
public record Regression(BaselineCell cell, Metric metric, Band band, double actual, int runs) {

  /**
   * One line: cell, metric, baseline band and actual, e.g. {@code dev.x.Suite aNbN-transformer-1a2b:
   * ood_r1 (OOD R1) baseline 0.7200 ± 0.1000 (fails below 0.6200), actual 0.4100 (n=3)}.
   */
  public String describe() {
    return String.format(Locale.ROOT, "%s: %s (%s) baseline %s, actual %s (n=%d)", cell.label(), metric.key(),
        metric.label(), band.describe(metric), Band.number(actual), runs);
  }
}
