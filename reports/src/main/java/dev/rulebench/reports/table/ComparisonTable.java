package dev.rulebench.reports.table;

import dev.rulebench.eval.Metric;
import dev.rulebench.reports.reference.Paper;
import java.util.List;

/**
 * One suite's table: a row per cell, each metric as mean ± std (n) beside the published value.
 *
 * @param suite the suite class name
 * @param layout the papers' layout the table follows
 * @param scales the scales the suite's runs used
 * @param rows one per cell
 * @param paper the paper the reference values come from
 */
public record ComparisonTable(String suite, TableLayout layout, List<String> scales, List<TableRow> rows,
    Paper paper) {

  /** The symbol that flags a mean outside the reference band. */
  public static final String MARKER = "⚠";

  /** The credit line of a table without published values. */
  public static final String NO_REFERENCES = "The papers publish no values for these cells: nothing to compare with.";

  /** Explains {@link #MARKER} under every table with published values. */
  public static final String LEGEND = MARKER + " the mean lies outside the paper's mean ± 2·std (± "
      + ReferenceBand.ZERO_STD_TOLERANCE + " where the paper's std is 0)";

  /** Explains a not-measured cell under every table that has one. */
  public static final String NOT_MEASURED_LEGEND = CellText.NOT_MEASURED + " (0 % finished): not measured, none of"
      + " the runs' completions of the metric's prompts (ID or OOD) finished (emitted EOS), so the rule metric has no"
      + " value; a different outcome from 0, never flagged against the paper";

  /** Explains the excess beside the test losses, under every table that shows one. */
  public static final String EXCESS_LEGEND = "(+x %) beside a test loss: how far it lies above the lowest test loss"
      + " possible on its data (excess ÷ optimum); ours over the optimum of the runs' data, the paper's over the"
      + " optimum of the papers' data (words up to 256 symbols)";

  public ComparisonTable {
    scales = List.copyOf(scales);
    rows = List.copyOf(rows);
  }

  public List<String> labelHeaders() {
    return layout.labelHeaders();
  }

  public List<Metric> metrics() {
    return layout.metrics();
  }

  /** The suite's simple class name, e.g. {@code MainTableSuite}. */
  public String suiteName() {
    int dot = suite.lastIndexOf('.');
    return dot < 0 ? suite : suite.substring(dot + 1);
  }

  /** How many cells of the table lie outside their reference band. */
  public long outsideCount() {
    return rows.stream().flatMap(row -> row.cells().values().stream()).filter(TableCell::outsideReference).count();
  }

  /** How many cells of the table are not measured (no completion finished): never outside a band. */
  public long notMeasuredCount() {
    return rows.stream().flatMap(row -> row.cells().values().stream()).filter(TableCell::notMeasured).count();
  }

  /** Whether any test loss of the table, ours or the paper's, shows its excess over the optimum. */
  public boolean showsExcess() {
    return rows.stream().flatMap(row -> row.cells().values().stream())
        .anyMatch(cell -> cell.excess().isPresent() || cell.referenceExcess().isPresent());
  }

  /** Whether any cell has a published value beside it (a user's own language has none). */
  public boolean hasReferences() {
    return rows.stream().flatMap(row -> row.cells().values().stream()).anyMatch(cell -> cell.reference().isPresent());
  }

  /** The last line under a table: the paper its published values come from, when it has any. */
  public String creditLine() {
    return hasReferences() ? paper.creditLine() : NO_REFERENCES;
  }

  /**
   * The lines under a table besides the credit: the {@link #LEGEND} with the count of flagged
   * cells where the table has published values, and the not-measured and excess legends where the
   * table has such cells.
   */
  public java.util.List<String> footnotes() {
    java.util.List<String> notes = new java.util.ArrayList<>();
    if (hasReferences()) {
      notes.add(LEGEND + " (" + outsideCount() + " such cells)");
    }
    long notMeasured = notMeasuredCount();
    if (notMeasured > 0) {
      notes.add(NOT_MEASURED_LEGEND + " (" + notMeasured + " such cell" + (notMeasured == 1 ? "" : "s") + ")");
    }
    if (showsExcess()) {
      notes.add(EXCESS_LEGEND);
    }
    return notes;
  }

  /** The sentence above a table: the suite, scale and aggregation. */
  public String caption() {
    return "Suite " + suite + " at scale " + String.join(", ", scales) + " (" + layout.protocol()
        + "; mean ± std over seeds, n runs)";
  }
}
