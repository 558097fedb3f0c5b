package dev.rulebench.reports.table;

import dev.rulebench.eval.Statistic;
import java.util.Locale;
import java.util.Optional;

/** The plain-text form of values shared by the formats. */
final class CellText {

  static final String MISSING = "—";

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

  /** "0.62 ± 0.10 (n=3) ⚠ · paper 0.657 ± 0.162 (n=268)": a cell with its reference on one line. */
  static String inline(TableCell cell, int decimals) {
    StringBuilder text = new StringBuilder(statistic(cell.measured(), decimals));
    if (cell.outsideReference()) {
      text.append(' ').append(ComparisonTable.MARKER);
    }
    cell.reference().ifPresent(reference -> text.append(" · paper ").append(reference.format(decimals)));
    return text.toString();
  }
}
