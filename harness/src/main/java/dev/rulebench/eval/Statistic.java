package dev.rulebench.eval;

import java.util.Collection;

/**
 * Mean, sample standard deviation (n − 1 in the denominator, as pandas computes it) and count.
 * A single value has a standard deviation of 0.
 */
public record Statistic(double mean, double std, int n) {

  public static Statistic of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to aggregate");
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double std = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0.0;
    return new Statistic(mean, std, values.size());
  }

  /** "0.657 ± 0.162 (n=5)". */
  public String format(int decimals) {
    String pattern = "%." + decimals + "f";
    return String.format(java.util.Locale.ROOT, pattern + " ± " + pattern + " (n=%d)", mean, std, n);
  }
}
