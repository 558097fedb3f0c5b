package dev.rulebench.reports.baseline;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Statistic;
import java.util.EnumMap;
import java.util.Map;

/**
 * How wide a new baseline's bands are: {@code sigmas} standard deviations of the seeds, but never
 * narrower than a floor (seeds that agree, or a single seed, say little about the next machine's
 * noise): {@value #ACCURACY_FLOOR} for accuracies, {@value #LOSS_FLOOR_FRACTION} of the mean (at
 * least {@value #LOSS_FLOOR}) for the loss. A fixed tolerance per metric replaces the rule.
 *
 * @param sigmas standard deviations of the seeds a band spans
 * @param fixed metrics with a tolerance of their own
 */
public record Tolerances(double sigmas, Map<Metric, Double> fixed) {

  public static final double DEFAULT_SIGMAS = 3;
  public static final double ACCURACY_FLOOR = 0.10;
  public static final double LOSS_FLOOR_FRACTION = 0.10;
  public static final double LOSS_FLOOR = 0.01;

  public Tolerances {
    if (!(sigmas >= 0)) {
      throw new IllegalArgumentException("sigmas must be ≥ 0, not " + sigmas);
    }
    fixed.forEach((metric, tolerance) -> {
      if (!(tolerance >= 0)) {
        throw new IllegalArgumentException("the tolerance of " + metric.key() + " must be ≥ 0, not " + tolerance);
      }
    });
    fixed = Map.copyOf(fixed.isEmpty() ? Map.of() : new EnumMap<>(fixed));
  }

  public static Tolerances defaults() {
    return new Tolerances(DEFAULT_SIGMAS, Map.of());
  }

  public Tolerances with(Metric metric, double tolerance) {
    Map<Metric, Double> copy = new EnumMap<>(Metric.class);
    copy.putAll(fixed);
    copy.put(metric, tolerance);
    return new Tolerances(sigmas, copy);
  }

  public Band band(Metric metric, Statistic statistic) {
    Double own = fixed.get(metric);
    if (own != null) {
      return new Band(statistic.mean(), own);
    }
    double floor = metric.isAccuracy() ? ACCURACY_FLOOR
        : Math.max(LOSS_FLOOR, LOSS_FLOOR_FRACTION * Math.abs(statistic.mean()));
    return new Band(statistic.mean(), Math.max(sigmas * statistic.std(), floor));
  }
}
