package dev.rulebench.reports.baseline;

import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.table.TableLayout;
import dev.rulebench.api.RunResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the cells of a build down as baselines, one per scale: each cell's metrics aggregated as
 * its table shows them (the layout of its suite), with a band from {@link Tolerances}; a metric no
 * run measured (no completion of its prompts finished) is recorded as not measured, a null band.
 * Each seed's own values are recorded too, with the kind of machine that made them ({@link SeedRecord}).
 */
public final class BaselineMaker {

  /** What the file tells a reader to run to replace it. */
  public static final String HOW_TO_UPDATE = "mvn integration-test rulebench:baseline -Drulebench.scale=<scale>, then commit"
      + " the file";

  private final Tolerances tolerances;
  private final String rulebenchVersion;

  public BaselineMaker(Tolerances tolerances, String rulebenchVersion) {
    this.tolerances = tolerances;
    this.rulebenchVersion = rulebenchVersion;
  }

  /** One baseline per scale found among the cells, by scale. */
  public Map<String, Baseline> make(List<Cell> cells) {
    Map<String, List<BaselineCell>> byScale = new TreeMap<>();
    Cells.bySuite(cells).forEach((suite, suiteCells) -> {
      TableLayout layout = TableLayout.of(suiteCells);
      for (Cell cell : suiteCells) {
        byScale.computeIfAbsent(cell.scale(), scale -> new ArrayList<>()).add(baselineCell(cell, layout));
      }
    });
    String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Baseline> baselines = new LinkedHashMap<>();
    byScale.forEach((scale, baselineCells) -> baselines.put(scale,
        new Baseline(Baseline.SCHEMA, scale, rulebenchVersion, created, HOW_TO_UPDATE, baselineCells)));
    return baselines;
  }

  private BaselineCell baselineCell(Cell cell, TableLayout layout) {
    Map<String, Band> bands = bands(cell, cell.aggregate(layout.aggregation()), layout.metrics());
    // the table's best-over-validations values hide what only some validations show: the last
    // validation is gated too
    Map<String, Band> finalBands = layout.aggregation() == HistoryAggregation.FINAL ? Map.of()
        : bands(cell, cell.aggregate(HistoryAggregation.FINAL), layout.metrics());
    List<SeedRecord> perSeed = cell.runs().stream().map(run -> SeedRecord.of(run, layout.aggregation(),
        layout.metrics(), !finalBands.isEmpty())).toList();
    return new BaselineCell(cell.key().suite(), cell.key().language(), cell.key().architecture(),
        cell.key().configHash(), layout.aggregation(), cell.runs().stream().map(RunResult::seed).toList(), bands,
        finalBands, perSeed);
  }

  private Map<String, Band> bands(Cell cell, SeedAggregate aggregate, List<Metric> metrics) {
    Map<String, Band> bands = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      Optional<Statistic> statistic = aggregate.find(metric);
      if (statistic.isPresent()) {
        bands.put(metric.key(), tolerances.band(metric, statistic.get(), granularity(cell, aggregate, metric)));
      } else if (aggregate.notMeasured().contains(metric)) {
        // recorded as not measured: a later build that measures it is a change, as is the reverse
        bands.put(metric.key(), null);
      }
    }
    return bands;
  }

  /**
   * What one prompt changes in the metric: 1 / prompts for a finished fraction, 1 / finished
   * completions for a rule metric (it counts only those); null for the loss, or when a run did not
   * record its prompt counts.
   */
  static Double granularity(Cell cell, SeedAggregate aggregate, Metric metric) {
    Optional<Metric> finished = metric == Metric.ID_FINISHED || metric == Metric.OOD_FINISHED ? Optional.of(metric)
        : metric.finishedBy();
    if (finished.isEmpty() || cell.runs().stream().anyMatch(run -> run.prompts() == null)) {
      return null;
    }
    boolean id = finished.get() == Metric.ID_FINISHED;
    int prompts = cell.runs().stream().mapToInt(run -> id ? run.prompts().id() : run.prompts().ood()).min()
        .orElse(0);
    if (prompts == 0) {
      return null;
    }
    if (metric == finished.get()) {
      return 1.0 / prompts;
    }
    double fraction = aggregate.find(finished.get()).map(Statistic::mean).orElse(1.0);
    return 1.0 / Math.max(1, Math.round(prompts * fraction));
  }
}
