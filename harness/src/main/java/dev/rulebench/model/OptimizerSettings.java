package dev.rulebench.model;

/**
 * AdamW with decoupled weight decay; PyTorch's defaults are the papers' (SPEC §1.7).
 *
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param epsilon denominator guard
 * @param weightDecay decoupled decay per unit learning rate
 */
public record OptimizerSettings(double beta1, double beta2, double epsilon, double weightDecay) {

  public static OptimizerSettings paper() {
    return new OptimizerSettings(0.9, 0.999, 1e-8, 0.01);
  }
}
