package dev.rulebench.reports.baseline;

import dev.rulebench.eval.Metric;
import java.util.Locale;

/**
 * A metric of a cell that fell outside its baseline band, or that changed between measured and not
 * measured (no completion of its prompts finished): a rule metric measured in the baseline but not
 * now, or the reverse, is a different outcome, not a value to compare.
 *
 * @param cell the baseline cell
 * @param metric the metric
 * @param lastValidation whether the band is of the runs' last validation rather than the table's
 *     aggregation
 * @param band its band; null when the baseline recorded the metric as not measured
 * @param actual this build's mean; null when this build did not measure it
 * @param runs how many runs this build's mean is over (0 when not measured)
 */
public record Regression(BaselineCell cell, Metric metric, boolean lastValidation, Band band, Double actual,
    int runs) {

  public Regression {
    if (band == null && actual == null) {
      throw new IllegalArgumentException("not measured in the baseline and now is no regression");
    }
  }

  /**
   * One line: cell, metric, baseline band and actual, e.g. {@code dev.x.Suite aNbN-transformer-1a2b:
   * ood_r1 (OOD R1 (rule extrapolation)) baseline 0.7200 ± 0.1000 (fails below 0.6200), actual 0.4100 (n=3)},
   * or {@code ... ood_r1 (OOD R1 (rule extrapolation)) was 0.0000 in the baseline, not measured now (no
   * OOD completion finished in any run)}.
   */
  public String describe() {
    String head = String.format(Locale.ROOT, "%s: %s (%s)%s", cell.label(), metric.key(), metric.label(),
        lastValidation ? " at the last validation" : "");
    if (actual == null) {
      return String.format(Locale.ROOT, "%s was %s in the baseline, not measured now (no %s completion finished in any"
          + " run)", head, Band.number(band.mean()), metric.promptSet());
    }
    if (band == null) {
      return String.format(Locale.ROOT, "%s was not measured in the baseline (no %s completion finished), %s now"
          + " (n=%d): a change the baseline does not cover; if it is intended, record it with rulebench:baseline",
          head, metric.promptSet(), Band.number(actual), runs);
    }
    return String.format(Locale.ROOT, "%s baseline %s, actual %s (n=%d)", head, band.describe(metric),
        Band.number(actual), runs);
  }
}
