package dev.rulebench.train;

import dev.rulebench.trial.TrainingConfig;
import java.util.Locale;

/**
 * Why training ends after a validation, or null while it goes on: converged (when asked, and the
 * optimum is known), patience run out, the step budget or cap, or the last epoch.
 */
final class StopRule {

  private StopRule() {}

  /**
   * @param bestLoss the lowest test loss so far
   * @param step the steps trained
   * @param lowestPossible the optimum of the validation words, NaN when unknown
   * @param languageName for the message when the optimum is unknown
   */
  static String after(TrainingConfig config, String languageName, double bestLoss, long step, double lowestPossible,
      boolean patienceRanOut, boolean outOfSteps, boolean lastEpoch) {
    if (config.stopWhenConverged() && bestLoss - lowestPossible <= config.convergedWithin() * lowestPossible) {
      return String.format(Locale.ROOT, "converged: test loss %.5f within %.1f %% of the optimum %.5f at step %d",
          bestLoss, 100 * config.convergedWithin(), lowestPossible, step);
    }
    if (patienceRanOut) {
      return "early stopping after " + config.patience() + " validations without a lower test loss";
    }
    if (outOfSteps) {
      if (!config.stopWhenConverged()) {
        return "reached " + config.maxSteps() + " steps";
      }
      return "reached the cap of " + config.maxSteps() + " steps " + (Double.isNaN(lowestPossible)
          ? "(the optimum of " + languageName + " is unknown here, so convergence is not judged)"
          : "without converging");
    }
    return lastEpoch ? "reached " + config.epochs() + " epochs" : null;
  }
}
