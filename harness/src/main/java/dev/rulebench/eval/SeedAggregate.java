package dev.rulebench.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A cell's metrics aggregated over its seeds: one {@link Statistic} per metric. */
public final class SeedAggregate {

  private final Map<Metric, Statistic> statistics;
  private final Set<Metric> notMeasured;

  private SeedAggregate(Map<Metric, Statistic> statistics, Set<Metric> notMeasured) {
    this.statistics = Collections.unmodifiableMap(statistics);
    this.notMeasured = Collections.unmodifiableSet(notMeasured);
  }

  /**
   * Aggregates the runs' metrics; a metric missing or not measured in some runs is aggregated over
   * the rest (its n says over how many), and one measured in no run is {@link #notMeasured}.
   */
  public static SeedAggregate of(List<Metrics> runs) {
    Map<Metric, List<Double>> values = new EnumMap<>(Metric.class);
    Set<Metric> unmeasured = EnumSet.noneOf(Metric.class);
    for (Metrics run : runs) {
      run.asMap().forEach((metric, value) -> values.computeIfAbsent(metric, m -> new ArrayList<>()).add(value));
      unmeasured.addAll(run.notMeasured());
    }
    Map<Metric, Statistic> statistics = new EnumMap<>(Metric.class);
    values.forEach((metric, list) -> statistics.put(metric, Statistic.of(list)));
    unmeasured.removeAll(statistics.keySet());
    return new SeedAggregate(statistics, unmeasured);
  }

  public static SeedAggregate of(Map<Metric, Statistic> statistics) {
    Map<Metric, Statistic> copy = new EnumMap<>(Metric.class);
    copy.putAll(statistics);
    return new SeedAggregate(copy, EnumSet.noneOf(Metric.class));
  }

  public Optional<Statistic> find(Metric metric) {
    return Optional.ofNullable(statistics.get(metric));
  }

  /**
   * @throws MetricNotMeasuredException when no run measured it
   * @throws IllegalArgumentException when no run has it at all
   */
  public Statistic get(Metric metric) {
    if (notMeasured.contains(metric)) {
      throw new MetricNotMeasuredException(Metrics.notMeasuredReason(metric) + " in any run");
    }
    return find(metric).orElseThrow(
        () -> new IllegalArgumentException("no " + metric.key() + " among " + statistics.keySet()));
  }

  /** The metrics no run measured: none of any run's completions of their prompt set finished. */
  public Set<Metric> notMeasured() {
    return notMeasured;
  }

  public Map<Metric, Statistic> asMap() {
    return statistics;
  }

  @Override
  public String toString() {
    return statistics.toString();
  }
}
