package dev.rulebench.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** An immutable set of metric values; written to JSON as {@code {"ood_r1": 0.6, ...}}. */
public final class Metrics {

  private final Map<Metric, Double> values;

  private Metrics(Map<Metric, Double> values) {
    this.values = Collections.unmodifiableMap(values);
  }

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

  public Map<Metric, Double> asMap() {
    return values;
  }

  public OptionalDouble find(Metric metric) {
    Double value = values.get(metric);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** The value of a metric, or an exception naming the metrics that are present. */
  public double get(Metric metric) {
    Double value = values.get(metric);
    if (value == null) {
      throw new IllegalArgumentException("no " + metric.key() + " among " + values.keySet());
    }
    return value;
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
