package dev.rulebench.reports.baseline;

import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.reports.cell.CellKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cell of a baseline: what identifies it, how its runs were aggregated, and a band per metric.
 *
 * @param suite the suite class
 * @param language language name
 * @param architecture architecture name
 * @param configHash the runs' configuration hash: a changed configuration is a new cell
 * @param aggregation how each run's history became one value (paper or best_checkpoint)
 * @param seeds the seeds the baseline was made from
 * @param metrics a band per metric key, e.g. {@code ood_r1}; a {@code null} band records a metric
 *     that was not measured (no completion of its prompts finished)
 * @param finalMetrics the same at each run's last validation: the table's aggregation takes the best
 *     value over the validations, which hides a change that only some validations show (dropout
 *     left on at evaluation raises every test loss, yet the lowest one stays within the seeds'
 *     spread); empty when the table already shows the last validation
 * @param perSeed every seed's own values with the kind of machine that made them, compared exactly
 *     on that kind of machine ({@link SeedRecord}); empty in a baseline written before them
 */
public record BaselineCell(
    String suite,
    String language,
    String architecture,
    String configHash,
    HistoryAggregation aggregation,
    List<Long> seeds,
    Map<String, Band> metrics,
    Map<String, Band> finalMetrics,
    List<SeedRecord> perSeed) {

  public BaselineCell {
    perSeed = perSeed == null ? List.of() : List.copyOf(perSeed);
    seeds = List.copyOf(seeds);
    metrics = new LinkedHashMap<>(metrics);
    finalMetrics = finalMetrics == null ? new LinkedHashMap<>() : new LinkedHashMap<>(finalMetrics);
  }

  /** The seed's record; empty when the baseline has none for it. */
  public Optional<SeedRecord> seedRecord(long seed) {
    return perSeed.stream().filter(record -> record.seed() == seed).findFirst();
  }

  public CellKey key() {
    return new CellKey(suite, language, architecture, configHash);
  }

  /** {@code <suite> <language>-<architecture>-<config hash>}, for messages. */
  public String label() {
    return suite + " " + key().id();
  }

  /** The metric's band; empty when the baseline has no value for it (absent or not measured). */
  public Optional<Band> band(Metric metric) {
    return Optional.ofNullable(metrics.get(metric.key()));
  }

  /** The bands of one aggregation: the table's ({@code metrics}) or the last validation's. */
  Map<String, Band> bands(boolean lastValidation) {
    return lastValidation ? finalMetrics : metrics;
  }

  /**
   * Whether the baseline recorded the metric as not measured (a {@code null} band in the file): no
   * completion of its prompts finished in any of the baseline's runs.
   */
  public boolean notMeasured(Metric metric) {
    return metrics.containsKey(metric.key()) && metrics.get(metric.key()) == null;
  }
}
