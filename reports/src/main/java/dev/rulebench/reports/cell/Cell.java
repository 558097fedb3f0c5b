package dev.rulebench.reports.cell;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metrics;
import dev.rulebench.eval.SeedAggregate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The runs of one cell (one per seed) and their aggregate.
 *
 * @param key what the runs share
 * @param runs the runs, by seed
 */
public record Cell(CellKey key, List<RunResult> runs) {

  public Cell {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("cell " + key.id() + " has no runs");
    }
    runs = runs.stream().sorted(Comparator.comparingLong(RunResult::seed)).toList();
  }

  /**
   * Mean ± std over the runs, each run reduced to one value per metric by the given protocol (the
   * papers' tables: {@link HistoryAggregation#PAPER}; the ICML case study: best checkpoint).
   */
  public SeedAggregate aggregate(HistoryAggregation aggregation) {
    List<Metrics> metrics = runs.stream().map(run -> run.metrics(aggregation)).toList();
    return SeedAggregate.of(metrics);
  }

  public String scale() {
    return runs.get(0).scale();
  }

  /**
   * The ICML case study's training variant (SPEC §2.1): {@code normal} without extra supervision,
   * otherwise the supervision target ({@code adversarial} or {@code oracle}).
   */
  public String variant() {
    return variant(runs.get(0));
  }

  /** The training variant of one run; see {@link #variant()}. */
  public static String variant(RunResult run) {
    if (run.training() == null || !run.training().has("supervision")) {
      return "normal";
    }
    String supervision = run.training().stringValue("supervision").toLowerCase(Locale.ROOT);
    return supervision.equals("none") ? "normal" : supervision;
  }
}
