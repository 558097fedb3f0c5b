package dev.rulebench.eval;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How one run's validation history becomes one number per metric. */
public enum HistoryAggregation {

  /**
   * The papers' tables (SPEC §1.5): each accuracy is its maximum over the history, each maximised
   * independently, and the test loss is its minimum; a metric no validation measured stays not
   * measured.
   */
  PAPER {
    @Override
    public Metrics aggregate(List<EvaluationPoint> history) {
      requireHistory(history);
      Map<Metric, Double> best = new EnumMap<>(Metric.class);
      for (EvaluationPoint point : history) {
        // a metric never measured stays not measured; once measured, its best measured value counts
        point.metrics().notMeasured().forEach(metric -> best.putIfAbsent(metric, null));
        point.metrics().asMap().forEach((metric, value) -> best.merge(metric, value,
            (a, b) -> metric.isAccuracy() ? Math.max(a, b) : Math.min(a, b)));
      }
      return Metrics.of(best);
    }
  },

  /** Every metric read at the validation with the lowest test loss (the ICML case study). */
  BEST_CHECKPOINT {
    @Override
    public Metrics aggregate(List<EvaluationPoint> history) {
      return bestPoint(history).metrics();
    }
  },

  /** Every metric read at the last validation. */
  FINAL {
    @Override
    public Metrics aggregate(List<EvaluationPoint> history) {
      requireHistory(history);
      return history.get(history.size() - 1).metrics();
    }
  };

  public abstract Metrics aggregate(List<EvaluationPoint> history);

  /** The validation with the lowest test loss; the earliest one on ties. */
  public static EvaluationPoint bestPoint(List<EvaluationPoint> history) {
    requireHistory(history);
    return history.stream()
        .min(Comparator.comparingDouble(p -> p.metrics().find(Metric.TEST_LOSS).orElse(Double.POSITIVE_INFINITY)))
        .orElseThrow();
  }

  private static void requireHistory(List<EvaluationPoint> history) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException("a run without validations has no metrics");
    }
  }
}
