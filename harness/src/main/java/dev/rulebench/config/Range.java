package dev.rulebench.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * The values a numeric key accepts, declared where the key is defined ({@link TypedConfig.Builder})
 * so that discovery and the command line refuse a value out of range before anything trains.
 *
 * @param min lower bound
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper bound ({@code +∞}: none)
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** {@code ≥ min}. */
  public static Range atLeast(double min) {
    return new Range(min, true, Double.POSITIVE_INFINITY, false);
  }

  /** {@code > 0}. */
  public static Range positive() {
    return new Range(0, false, Double.POSITIVE_INFINITY, false);
  }

  /** {@code min ≤ value ≤ max}. */
  public static Range between(double min, double max) {
    return new Range(min, true, max, true);
  }

  /** {@code 0 ≤ value < 1}: a probability that must leave something (dropout, Adam's β). */
  public static Range fraction() {
    return new Range(0, true, 1, false);
  }

  public boolean contains(double value) {
    return !Double.isNaN(value)
        && (minInclusive ? value >= min : value > min)
        && (maxInclusive ? value <= max : value < max);
  }

  /** e.g. {@code ≥ 1}, {@code > 0}, {@code in [0, 1)}. */
  public String describe() {
    if (max == Double.POSITIVE_INFINITY) {
      return (minInclusive ? "≥ " : "> ") + number(min);
    }
    return "in " + (minInclusive ? "[" : "(") + number(min) + ", " + number(max) + (maxInclusive ? "]" : ")");
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }
}
