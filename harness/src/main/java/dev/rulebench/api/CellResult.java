package dev.rulebench.api;

import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import java.util.List;

/**
 * A cell's results across its seeds: what a {@link Check} method taking a {@code CellResult}
 * receives, once every seed of the cell has run.
 *
 * @param suite the suite class's name
 * @param language language name
 * @param architecture architecture name
 * @param scale smoke, quick, ci, reduced or paper
 * @param runs one result per seed, in seed order
 */
public record CellResult(String suite, String language, String architecture, String scale, List<RunResult> runs) {

  public CellResult {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a cell result needs at least one run");
    }
  }

  /** The seeds, in run order. */
  public List<Long> seeds() {
    return runs.stream().map(RunResult::seed).toList();
  }

  /** Mean, standard deviation and n of every metric, each run aggregated over its history first. */
  public SeedAggregate aggregate(HistoryAggregation aggregation) {
    return SeedAggregate.of(runs.stream().map(run -> run.metrics(aggregation)).toList());
  }

  /** The papers' protocol: each run's best accuracy and lowest test loss over its validations. */
  public SeedAggregate paper() {
    return aggregate(HistoryAggregation.PAPER);
  }

  /** Every metric read at each run's validation with the lowest test loss (the ICML case study). */
  public SeedAggregate bestCheckpoint() {
    return aggregate(HistoryAggregation.BEST_CHECKPOINT);
  }

  /** Shorthand for a metric's statistic under the papers' protocol. */
  public Statistic metric(Metric metric) {
    return paper().get(metric);
  }

  /** "aNbN transformer" with the seeds, for messages. */
  public String label() {
    return language + " " + architecture + " seeds " + seeds();
  }
}
