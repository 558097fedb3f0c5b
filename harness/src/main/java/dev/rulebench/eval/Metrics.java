package dev.rulebench.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * An immutable set of metric values; written to JSON as {@code {"ood_r1": 0.6, ...}}. A rule metric
 * over prompts none of whose completions finished is <em>not measured</em>: present with no value
 * ({@code "ood_r1": null}), which is a different outcome from a measured 0 ("every finished
 * completion broke the rule").
 */
public final class Metrics {

  /** Every metric present, the not-measured ones with a null value. */
  private final Map<Metric, Double> values;

  private Metrics(Map<Metric, Double> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** @param values metric values; a null value marks the metric as not measured */
  public static Metrics of(Map<Metric, Double> values) {
    EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
    copy.putAll(values);
    return new Metrics(copy);
  }

  public static Metrics empty() {
    return new Metrics(new EnumMap<>(Metric.class));
  }

  @JsonCreator
  static Metrics fromKeys(Map<String, Double> byKey) {
    EnumMap<Metric, Double> values = new EnumMap<>(Metric.class);
    byKey.forEach((key, value) -> Metric.byKey(key).ifPresent(m -> values.put(m, value)));
    return new Metrics(values);
  }

  @JsonValue
  public Map<String, Double> byKey() {
    Map<String, Double> byKey = new LinkedHashMap<>();
    values.forEach((metric, value) -> byKey.put(metric.key(), value));
    return byKey;
  }

  /** The measured metrics and their values (not-measured ones are left out: see {@link #notMeasured}). */
  public Map<Metric, Double> asMap() {
    Map<Metric, Double> measured = new EnumMap<>(Metric.class);
    values.forEach((metric, value) -> {
      if (value != null) {
        measured.put(metric, value);
      }
    });
    return Collections.unmodifiableMap(measured);
  }

  /** The metrics present without a value: no completion of their prompt set finished. */
  public Set<Metric> notMeasured() {
    Set<Metric> missing = EnumSet.noneOf(Metric.class);
    values.forEach((metric, value) -> {
      if (value == null) {
        missing.add(metric);
      }
    });
    return Collections.unmodifiableSet(missing);
  }

  public boolean isMeasured(Metric metric) {
    return values.get(metric) != null;
  }

  /** The value of a metric; empty when it is absent or not measured. */
  public OptionalDouble find(Metric metric) {
    Double value = values.get(metric);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /**
   * The value of a metric.
   *
   * @throws MetricNotMeasuredException when none of its completions finished
   * @throws IllegalArgumentException when it is absent, naming the metrics that are present
   */
  public double get(Metric metric) {
    Double value = values.get(metric);
    if (value == null) {
      if (values.containsKey(metric)) {
        throw new MetricNotMeasuredException(notMeasuredReason(metric));
      }
      throw new IllegalArgumentException("no " + metric.key() + " among " + values.keySet());
    }
    return value;
  }

  /** Why a metric has no value, e.g. "OOD R1 was not measured: none of the OOD completions finished". */
  public static String notMeasuredReason(Metric metric) {
    return metric.label() + " was not measured: none of the " + metric.promptSet()
        + " completions finished (emitted EOS)";
  }

  /** Three decimals, or "–" for a metric not measured or absent: for consoles and one-line summaries. */
  public String format(Metric metric) {
    OptionalDouble value = find(metric);
    return value.isPresent() ? String.format(java.util.Locale.ROOT, "%.3f", value.getAsDouble()) : "–";
  }

  public Metrics with(Metric metric, double value) {
    EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
    copy.putAll(values);
    copy.put(metric, value);
    return new Metrics(copy);
  }

  public double testLoss() {
    return get(Metric.TEST_LOSS);
  }

  public double idR1() {
    return get(Metric.ID_R1);
  }

  public double idR2() {
    return get(Metric.ID_R2);
  }

  public double idGrammatical() {
    return get(Metric.ID_GRAMMATICAL);
  }

  /** Rule extrapolation: R1 on the completions of OOD prompts. */
  public double oodR1() {
    return get(Metric.OOD_R1);
  }

  public double oodR2Completion() {
    return get(Metric.OOD_R2_COMPLETION);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Metrics m && m.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return byKey().toString();
  }
}
