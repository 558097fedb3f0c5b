package dev.rulebench.reports.baseline;

import dev.rulebench.api.RunResult;
import dev.rulebench.api.RunResult.Environment;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One seed of a baseline cell, value for value, with the kind of machine that produced it. A run
 * on a CPU is deterministic: the same code, seed and kind of machine reproduce every number to the
 * last bit, so a build on that kind of machine is compared seed by seed, exactly, and sees changes
 * far inside the seeds' spread (a frozen embedding moves every number a little). On another kind of
 * machine float differences send a seed down another path, and only the bands apply.
 *
 * @param seed the run's seed
 * @param machine what decides the run's bits ({@link #machineOf}); null when the run cannot be
 *     reproduced exactly (a GPU, an unknown processor), which leaves the seed to the bands
 * @param metrics the run's values of the cell's band metrics under the table's aggregation; a null
 *     value records a metric that was not measured
 * @param finalMetrics the same at the run's last validation
 */
public record SeedRecord(long seed, String machine, Map<String, Double> metrics, Map<String, Double> finalMetrics) {

  public SeedRecord {
    metrics = metrics == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metrics);
    finalMetrics = finalMetrics == null ? new LinkedHashMap<>() : new LinkedHashMap<>(finalMetrics);
  }

  /** The run's values of the given metrics, under the cell's aggregation and at its last validation. */
  static SeedRecord of(RunResult run, HistoryAggregation aggregation, List<Metric> metrics, boolean withFinal) {
    return new SeedRecord(run.seed(), machineOf(run).orElse(null), values(run, aggregation, metrics),
        withFinal ? values(run, HistoryAggregation.FINAL, metrics) : Map.of());
  }

  /** The run's values of the metrics under an aggregation, null where not measured. */
  static Map<String, Double> values(RunResult run, HistoryAggregation aggregation, List<Metric> metrics) {
    Map<String, Double> values = new LinkedHashMap<>();
    var runMetrics = run.metrics(aggregation);
    for (Metric metric : metrics) {
      var value = runMetrics.find(metric);
      values.put(metric.key(), value.isPresent() ? value.getAsDouble() : null);
    }
    return values;
  }

  /**
   * What decides a run's bits: operating system, processor (model and instruction-set flags), Java
   * runtime and tensor backend (its version and whether native kernels ran). Empty for a run on a GPU
   * (its kernels need not be deterministic) or without a recorded processor.
   */
  public static Optional<String> machineOf(RunResult run) {
    Environment environment = run.environment();
    // "cpu", or "cpu (auto: no GPU visible)"
    if (environment == null || environment.cpu() == null || environment.device() == null
        || !environment.device().split(" ")[0].equals("cpu")) {
      return Optional.empty();
    }
    return Optional.of(environment.os() + "; " + environment.cpu() + "; " + environment.java() + "; "
        + environment.backend());
  }
}
