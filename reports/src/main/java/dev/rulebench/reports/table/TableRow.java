package dev.rulebench.reports.table;

import dev.rulebench.eval.Metric;
import dev.rulebench.reports.cell.CellKey;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a comparison table: one cell of the suite.
 *
 * @param labels the row's label columns, in the order of {@link ComparisonTable#labelHeaders()}
 * @param cell the cell the row aggregates
 * @param runs how many runs (seeds) the row aggregates
 * @param cells the metric columns
 */
public record TableRow(List<String> labels, CellKey cell, int runs, Map<Metric, TableCell> cells) {

  public TableRow {
    labels = List.copyOf(labels);
    cells = Collections.unmodifiableMap(new EnumMap<>(cells));
  }

  public TableCell cell(Metric metric) {
    TableCell value = cells.get(metric);
    if (value == null) {
      throw new IllegalArgumentException("row " + labels + " has no column " + metric.key());
    }
    return value;
  }
}
