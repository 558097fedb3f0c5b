package dev.rulebench.reports.baseline;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.CellKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A build's cells against a baseline: regressions (a metric outside its band, or one measured in
 * the baseline and not now or the reverse; not measured in both passes), seeds that changed on the
 * kind of machine that made the baseline ({@link SeedRecord}), cells the baseline does not know (new,
 * or with a changed configuration) and baseline cells this build did not run.
 *
 * @param regressions every metric outside its band or changed between measured and not measured, in
 *     cell order
 * @param seedChanges every seed whose values differ from the baseline's on the kind of machine
 *     that made it, where a seed reproduces to the last bit; a one-sided band's metric changes only
 *     for the worse
 * @param checkedCells cells compared with the baseline
 * @param seedsComparedExactly runs compared seed by seed
 * @param seedsOnBandsOnly why the other runs were left to the bands, one line per distinct reason
 * @param partialCells cells that ran other seeds than their baseline's (e.g. one seed selected with
 *     {@code rulebench.select}): a band is of the mean over all the baseline's seeds, so only their
 *     seeds are compared, one line per cell
 * @param unknownCells one line per cell without a baseline entry, with the likely reason
 * @param absentCells baseline cells this build did not run
 */
public record BaselineComparison(List<Regression> regressions, List<SeedChange> seedChanges, int checkedCells,
    int seedsComparedExactly, List<String> seedsOnBandsOnly, List<String> partialCells, List<String> unknownCells,
    List<String> absentCells) {

  public BaselineComparison {
    regressions = List.copyOf(regressions);
    seedChanges = List.copyOf(seedChanges);
    seedsOnBandsOnly = List.copyOf(seedsOnBandsOnly);
    partialCells = List.copyOf(partialCells);
    unknownCells = List.copyOf(unknownCells);
    absentCells = List.copyOf(absentCells);
  }

  /** {@link #compare(Baseline, List, boolean)} with seeds compared exactly where they can be. */
  public static BaselineComparison compare(Baseline baseline, List<Cell> cells) {
    return compare(baseline, cells, true);
  }

  /**
   * Compares the cells of the baseline's scale; cells of other scales are left to their own baseline.
   *
   * @param exactSeeds whether to compare each seed exactly where it ran on the kind of machine that
   *     made the baseline; false leaves every seed to the bands (a model whose runs are not
   *     deterministic)
   */
  public static BaselineComparison compare(Baseline baseline, List<Cell> cells, boolean exactSeeds) {
    Map<CellKey, BaselineCell> known = new LinkedHashMap<>();
    baseline.cells().forEach(cell -> known.put(cell.key(), cell));
    List<Regression> regressions = new ArrayList<>();
    List<SeedChange> seedChanges = new ArrayList<>();
    Set<String> bandsOnly = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    int checked = 0;
    int exact = 0;
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
      Set<Long> ran = cell.runs().stream().map(RunResult::seed).collect(Collectors.toCollection(TreeSet::new));
      boolean allSeeds = ran.equals(new TreeSet<>(expected.seeds()));
      if (allSeeds) {
        compare(expected, false, cell.aggregate(expected.aggregation()), regressions);
        compare(expected, true, cell.aggregate(HistoryAggregation.FINAL), regressions);
      }
      int exactBefore = exact;
      for (RunResult run : cell.runs()) {
        Optional<String> reason = exactSeeds ? whyNotExact(expected, run)
            : Optional.of("exact per-seed comparison turned off");
        if (reason.isPresent()) {
          bandsOnly.add(reason.get());
          continue;
        }
        exact++;
        SeedRecord record = expected.seedRecord(run.seed()).orElseThrow();
        List<SeedChange.Difference> differences = new ArrayList<>();
        differences(expected, false, record.metrics(), run, differences);
        differences(expected, true, record.finalMetrics(), run, differences);
        if (!differences.isEmpty()) {
          seedChanges.add(new SeedChange(expected, run.seed(), differences));
        }
      }
      if (!allSeeds) {
        partial.add(expected.label() + " ran seeds " + ran + " of the baseline's " + expected.seeds() + ": its bands"
            + " (of the mean over the baseline's seeds) are not compared, " + (exact > exactBefore
            ? "only its seeds are" : "and none of its seeds could be compared exactly, so nothing of it is checked"));
      }
    }
    List<String> absent = known.values().stream().filter(cell -> !seen.containsKey(cell.key()))
        .map(BaselineCell::label).toList();
    return new BaselineComparison(regressions, seedChanges, checked, exact, List.copyOf(bandsOnly), partial, unknown,
        absent);
  }

  /** Why a run cannot be compared with its seed's record exactly; empty when it can. */
  private static Optional<String> whyNotExact(BaselineCell expected, RunResult run) {
    Optional<SeedRecord> record = expected.seedRecord(run.seed());
    if (record.isEmpty()) {
      return Optional.of(expected.perSeed().isEmpty() ? "the baseline records no seed's own values (written by an"
          + " earlier RuleBench): refresh it with rulebench:baseline" : "seed " + run.seed() + " is not in the"
          + " baseline");
    }
    Optional<String> machine = SeedRecord.machineOf(run);
    if (record.get().machine() == null || machine.isEmpty()) {
      return Optional.of("a run on a GPU or an unknown processor does not reproduce to the last bit");
    }
    if (!record.get().machine().equals(machine.get())) {
      return Optional.of("another kind of machine or backend: the baseline's runs were made on " + record.get().machine()
          + ", this build's on " + machine.get());
    }
    return Optional.empty();
  }

  /** The seed's recorded values against the run's; a one-sided band's metric counts only a worse value. */
  private static void differences(BaselineCell expected, boolean lastValidation, Map<String, Double> recorded,
      RunResult run, List<SeedChange.Difference> differences) {
    HistoryAggregation aggregation = lastValidation ? HistoryAggregation.FINAL : expected.aggregation();
    Map<String, Band> bands = expected.bands(lastValidation);
    for (Metric metric : Metric.values()) {
      if (!recorded.containsKey(metric.key())) {
        continue;
      }
      Double before = recorded.get(metric.key());
      OptionalDouble now = run.metrics(aggregation).find(metric);
      Double after = now.isPresent() ? now.getAsDouble() : null;
      if (Objects.equals(before, after)) {
        continue;
      }
      Band band = bands.get(metric.key());
      boolean better = before != null && after != null && (metric.isAccuracy() ? after > before : after < before);
      if (band != null && band.sides() == Band.Sides.WORSE && better) {
        continue;
      }
      differences.add(new SeedChange.Difference(metric, lastValidation, before, after));
    }
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
    return regressions.isEmpty() && seedChanges.isEmpty();
  }
}
