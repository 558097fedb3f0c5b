package dev.rulebench.reports.table;

import dev.rulebench.eval.Statistic;
import java.util.Locale;
import java.util.Optional;

/** The plain-text form of values shared by the formats. */
final class CellText {

  /** A metric no run reported at all. */
  static final String MISSING = "—";

  /** A metric the runs reported but none measured: no completion of its prompts finished. */
  static final String NOT_MEASURED = "–";

  private CellText() {}

  /** "0.657 ± 0.162 (n=5)", or a dash. */
  static String statistic(Optional<Statistic> value, int decimals) {
    return value.map(s -> s.format(decimals)).orElse(MISSING);
  }

  /** "0.657 ± 0.162": without the count, for LaTeX where the count goes in its own parentheses. */
  static String meanStd(Statistic value, int decimals) {
    String pattern = "%." + decimals + "f";
    return String.format(Locale.ROOT, pattern + " ± " + pattern, value.mean(), value.std());
  }

  /** "0 % finished": the finished fraction of a not-measured cell, or "not measured" without one. */
  static String finishedNote(TableCell cell) {
    return cell.finished().map(f -> percent(f.mean()) + " finished").orElse("not measured");
  }

  /** "– (0 % finished)": a not-measured cell. */
  static String notMeasured(TableCell cell) {
    return NOT_MEASURED + " (" + finishedNote(cell) + ")";
  }

  /** "(+6.2 %)": an excess over the optimum (a fraction of it), or empty text. */
  static String excess(Optional<Double> excess) {
    return excess.map(value -> String.format(Locale.ROOT, "(%+.1f %%)", 100 * value)).orElse("");
  }

  /** "12 %": a fraction as a whole percentage. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
  }

  /** Our value: "0.365 ± 0.000 (n=1) (+6.2 %)", "– (0 % finished)" or a dash. */
  static String ours(TableCell cell, int decimals) {
    if (cell.notMeasured()) {
      return notMeasured(cell);
    }
    return withExcess(statistic(cell.measured(), decimals), cell.excess());
  }

  /** "0.276 ± 0.007 (n=11) (+1.0 %)": the paper's value with its excess. */
  static String paper(Statistic reference, TableCell cell, int decimals) {
    return withExcess(reference.format(decimals), cell.referenceExcess());
  }

  private static String withExcess(String value, Optional<Double> excess) {
    String text = excess(excess);
    return text.isEmpty() ? value : value + " " + text;
  }

  /**
   * "0.62 ± 0.10 (n=3) ⚠ · paper 0.657 ± 0.162 (n=268)": a cell with its reference on one line; a
   * test loss with its excess, a not-measured cell as "– (0 % finished)".
   */
  static String inline(TableCell cell, int decimals) {
    StringBuilder text = new StringBuilder(ours(cell, decimals));
    if (cell.outsideReference()) {
      text.append(' ').append(ComparisonTable.MARKER);
    }
    cell.reference().ifPresent(reference -> text.append(" · paper ").append(paper(reference, cell, decimals)));
    return text.toString();
  }
}
