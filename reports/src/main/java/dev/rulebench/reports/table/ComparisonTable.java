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

  /** Explains {@link #MARKER} under every table. */
  public static final String LEGEND = MARKER + " the mean lies outside the paper's mean ± 2·std (± "
      + ReferenceBand.ZERO_STD_TOLERANCE + " where the paper's std is 0)";

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

  /** The sentence above a table: the suite, scale and aggregation. */
  public String caption() {
    return "Suite " + suite + " at scale " + String.join(", ", scales) + " (" + layout.protocol()
        + "; mean ± std over seeds, n runs)";
  }
}
