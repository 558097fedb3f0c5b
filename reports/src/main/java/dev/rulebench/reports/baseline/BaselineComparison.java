package dev.rulebench.reports.baseline;

import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.CellKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A build's cells against a baseline: regressions (a metric outside its band, or one measured in
 * the baseline and not now or the reverse; not measured in both passes), cells the baseline
 * does not know (new, or with a changed configuration) and baseline cells this build did not run.
 *
 * @param regressions every metric outside its band or changed between measured and not measured, in
 *     cell order
 * @param checkedCells cells compared with the baseline
 * @param unknownCells one line per cell without a baseline entry, with the likely reason
 * @param absentCells baseline cells this build did not run
 */
public record BaselineComparison(List<Regression> regressions, int checkedCells, List<String> unknownCells,
    List<String> absentCells) {

  public BaselineComparison {
    regressions = List.copyOf(regressions);
    unknownCells = List.copyOf(unknownCells);
    absentCells = List.copyOf(absentCells);
  }

  /** Compares the cells of the baseline's scale; cells of other scales are left to their own baseline. */
  public static BaselineComparison compare(Baseline baseline, List<Cell> cells) {
    Map<CellKey, BaselineCell> known = new LinkedHashMap<>();
    baseline.cells().forEach(cell -> known.put(cell.key(), cell));
    List<Regression> regressions = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    int checked = 0;
    Map<CellKey, Boolean> seen = new LinkedHashMap<>();
    for (Cell cell : cells) {
      if (!cell.scale().equals(baseline.scale())) {
        continue;
      }
      BaselineCell expected = known.get(cell.key());
      if (expected == null) {
        unknown.add(unknownReason(cell, baseline));
        continue;
      }
      seen.put(cell.key(), true);
      checked++;
      compare(expected, false, cell.aggregate(expected.aggregation()), regressions);
      compare(expected, true, cell.aggregate(HistoryAggregation.FINAL), regressions);
    }
    List<String> absent = known.values().stream().filter(cell -> !seen.containsKey(cell.key()))
        .map(BaselineCell::label).toList();
    return new BaselineComparison(regressions, checked, unknown, absent);
  }

  /** One aggregation's bands of a cell (the table's, or the last validation's) against this build's values. */
  private static void compare(BaselineCell expected, boolean lastValidation, SeedAggregate aggregate,
      List<Regression> regressions) {
    Map<String, Band> bands = expected.bands(lastValidation);
    for (Metric metric : Metric.values()) {
      if (!bands.containsKey(metric.key())) {
        continue;
      }
      Optional<Band> band = Optional.ofNullable(bands.get(metric.key()));
      Optional<Statistic> actual = aggregate.find(metric);
      boolean notMeasuredNow = aggregate.notMeasured().contains(metric);
      if (band.isPresent() && actual.isPresent() && !band.get().admits(metric, actual.get().mean())) {
        regressions.add(new Regression(expected, metric, lastValidation, band.get(), actual.get().mean(),
            actual.get().n()));
      } else if (band.isPresent() && notMeasuredNow) {
        regressions.add(new Regression(expected, metric, lastValidation, band.get(), null, 0));
      } else if (band.isEmpty() && actual.isPresent()) {
        regressions.add(new Regression(expected, metric, lastValidation, null, actual.get().mean(), actual.get().n()));
      }
      // not measured in both: the same outcome, it passes
    }
  }

  private static String unknownReason(Cell cell, Baseline baseline) {
    String label = cell.key().suite() + " " + cell.key().id();
    List<BaselineCell> sameModel = baseline.cells().stream()
        .filter(b -> b.suite().equals(cell.key().suite()) && b.language().equals(cell.key().language())
            && b.architecture().equals(cell.key().architecture()))
        .toList();
    if (!sameModel.isEmpty()) {
      return label + " has no baseline: the baseline's " + cell.key().language() + " " + cell.key().architecture()
          + " cell has configuration " + sameModel.get(0).configHash() + ", this build ran " + cell.key().configHash()
          + " (a configuration changed); run rulebench:baseline to record the new one";
    }
    return label + " has no baseline (a new cell); run rulebench:baseline to record it";
  }

  public boolean passed() {
    return regressions.isEmpty();
  }
}
