package dev.rulebench.reports.baseline;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Statistic;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * How wide a new baseline's bands are. With at least {@value #MEASURED_SEEDS} seeds a band spans
 * {@code sigmas} standard deviations of the seeds, but never less than the metric's granularity
 * (what one prompt changes) or, for the loss, {@value #LOSS_FLOOR_FRACTION_MEASURED} of its mean:
 * seeds that agree exactly still differ by a prompt on another machine. With fewer seeds the spread
 * says little, so the floors are wide: {@value #ACCURACY_FLOOR} for accuracies, {@value
 * #LOSS_FLOOR_FRACTION} of the mean (at least {@value #LOSS_FLOOR}) for the loss. A fixed tolerance
 * per metric replaces the rule; bands fail a change either way unless the metric is listed as
 * one-sided.
 *
 * @param sigmas standard deviations of the seeds a band spans
 * @param fixed metrics with a tolerance of their own
 * @param oneSided metrics whose bands fail only for the worse
 */
public record Tolerances(double sigmas, Map<Metric, Double> fixed, Set<Metric> oneSided) {

  public static final double DEFAULT_SIGMAS = 3;
  public static final int MEASURED_SEEDS = 3;
  public static final double ACCURACY_FLOOR = 0.10;
  public static final double LOSS_FLOOR_FRACTION = 0.10;
  public static final double LOSS_FLOOR = 0.01;
  public static final double LOSS_FLOOR_FRACTION_MEASURED = 0.01;

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
    oneSided = Set.copyOf(oneSided);
  }

  public static Tolerances defaults() {
    return new Tolerances(DEFAULT_SIGMAS, Map.of(), Set.of());
  }

  public Tolerances with(Metric metric, double tolerance) {
    Map<Metric, Double> copy = new EnumMap<>(Metric.class);
    copy.putAll(fixed);
    copy.put(metric, tolerance);
    return new Tolerances(sigmas, copy, oneSided);
  }

  /** The same tolerances with the metric's bands failing only for the worse. */
  public Tolerances oneSided(Metric metric) {
    Set<Metric> copy = EnumSet.of(metric);
    copy.addAll(oneSided);
    return new Tolerances(sigmas, fixed, copy);
  }

  /**
   * The band of a metric whose per-seed values have the given statistic.
   *
   * @param granularity what one prompt changes in the metric, or null when unknown (and for the loss)
   */
  public Band band(Metric metric, Statistic statistic, Double granularity) {
    Band.Sides sides = oneSided.contains(metric) ? Band.Sides.WORSE : Band.Sides.EITHER;
    Double own = fixed.get(metric);
    if (own != null) {
      return new Band(statistic.mean(), own, sides, statistic.std(), granularity);
    }
    double floor;
    if (statistic.n() < MEASURED_SEEDS) {
      floor = metric.isAccuracy() ? ACCURACY_FLOOR
          : Math.max(LOSS_FLOOR, LOSS_FLOOR_FRACTION * Math.abs(statistic.mean()));
    } else if (metric.isAccuracy()) {
      floor = granularity == null ? ACCURACY_FLOOR : granularity;
    } else {
      floor = LOSS_FLOOR_FRACTION_MEASURED * Math.abs(statistic.mean());
    }
    return new Band(statistic.mean(), Math.max(sigmas * statistic.std(), floor), sides, statistic.std(),
        granularity);
  }
}
