package dev.rulebench.trial;

/**
 * The inverse-square-root schedule of {@code transformers.get_inverse_sqrt_schedule}: linear
 * warm-up from 0, then decay ∝ 1/√t with the warm-up length as timescale. With no warm-up the rate
 * is constant.
 */
public record LearningRateSchedule(double baseRate, int warmup) {

  /** The rate at schedule position t = 0, 1, 2, … (epochs or steps). */
  public double rate(long t) {
    if (warmup <= 0) {
      return baseRate;
    }
    if (t < warmup) {
      return baseRate * t / warmup;
    }
    return baseRate / Math.sqrt((double) t / warmup);
  }
}
