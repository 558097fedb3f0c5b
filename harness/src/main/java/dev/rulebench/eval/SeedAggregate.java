package dev.rulebench.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cell's metrics aggregated over its seeds: one {@link Statistic} per metric. */
public final class SeedAggregate {

  private final Map<Metric, Statistic> statistics;

  private SeedAggregate(Map<Metric, Statistic> statistics) {
    this.statistics = Collections.unmodifiableMap(statistics);
  }

  /** Aggregates the runs' metrics; a metric missing from some runs is aggregated over the rest. */
  public static SeedAggregate of(List<Metrics> runs) {
    Map<Metric, List<Double>> values = new EnumMap<>(Metric.class);
    for (Metrics run : runs) {
      run.asMap().forEach((metric, value) -> values.computeIfAbsent(metric, m -> new ArrayList<>()).add(value));
    }
    Map<Metric, Statistic> statistics = new EnumMap<>(Metric.class);
    values.forEach((metric, list) -> statistics.put(metric, Statistic.of(list)));
    return new SeedAggregate(statistics);
  }

  public static SeedAggregate of(Map<Metric, Statistic> statistics) {
    Map<Metric, Statistic> copy = new EnumMap<>(Metric.class);
    copy.putAll(statistics);
    return new SeedAggregate(copy);
  }

  public Optional<Statistic> find(Metric metric) {
    return Optional.ofNullable(statistics.get(metric));
  }

  public Statistic get(Metric metric) {
    return find(metric).orElseThrow(
        () -> new IllegalArgumentException("no " + metric.key() + " among " + statistics.keySet()));
  }

  public Map<Metric, Statistic> asMap() {
    return statistics;
  }

  @Override
  public String toString() {
    return statistics.toString();
  }
}
