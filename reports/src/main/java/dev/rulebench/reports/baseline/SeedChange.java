package dev.rulebench.reports.baseline;

import dev.rulebench.eval.Metric;
import java.util.List;
import java.util.Locale;

/**
 * A seed of a baseline cell that came out differently on the kind of machine that made the
 * baseline, where it reproduces to the last bit ({@link SeedRecord}): a change to the code or the
 * model, even when every band still admits the cell's mean.
 *
 * @param cell the baseline cell
 * @param seed the seed
 * @param differences one entry per metric that changed
 */
public record SeedChange(BaselineCell cell, long seed, List<Difference> differences) {

  public SeedChange {
    differences = List.copyOf(differences);
  }

  /**
   * A metric of the seed that changed.
   *
   * @param metric the metric
   * @param lastValidation whether it is the value at the last validation rather than the table's
   * @param baseline the baseline's value; null when it was not measured
   * @param actual this build's value; null when it is not measured now
   */
  public record Difference(Metric metric, boolean lastValidation, Double baseline, Double actual) {}

  /**
   * One line, e.g. {@code dev.x.Suite aNbN-lstm-1a2b seed 2 changed on the machine that made its
   * baseline, where each seed reproduces exactly: test_loss 0.123498 → 0.123871, ood_r1 at the last
   * validation 0.0909 → 0.0000}.
   */
  public String describe() {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s seed %d changed on the kind of machine that"
        + " made its baseline, where a seed reproduces to the last bit:", cell.label(), seed));
    String separator = " ";
    for (Difference difference : differences) {
      line.append(separator).append(difference.metric().key()).append(difference.lastValidation()
          ? " at the last validation " : " ").append(value(difference.baseline(), difference.actual())).append(" → ")
          .append(value(difference.actual(), difference.baseline()));
      separator = ", ";
    }
    return line.toString();
  }

  /** Four decimals, or as many as it takes to tell the two values apart; "not measured" for null. */
  private static String value(Double value, Double other) {
    if (value == null) {
      return "not measured";
    }
    for (int decimals = 4; decimals <= 17; decimals++) {
      String format = "%." + decimals + "f";
      if (other == null || !String.format(Locale.ROOT, format, value).equals(String.format(Locale.ROOT, format,
          other))) {
        return String.format(Locale.ROOT, format, value);
      }
    }
    return Double.toString(value);
  }
}
