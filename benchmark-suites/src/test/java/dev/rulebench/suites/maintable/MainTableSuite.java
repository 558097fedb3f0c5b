package dev.rulebench.suites.maintable;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.suites.SanityChecks;

/**
 * The NeurIPS paper's main table (SPEC §1.6–1.8): one language (in each subclass) × the five
 * architectures with the papers' hyperparameters, at {@code paper} scale unless
 * {@code rulebench.scale} says otherwise.
 *
 * <p>Whether a cell reproduces the paper is what the tables show (each mean beside the paper's,
 * flagged when outside its band), not a check: a check here states what must hold at every scale,
 * so that {@code rulebench:verify} and the committed baselines gate regressions, not scale.
 */
@RuleExtrapolation(scale = "paper")
@Architecture("linear")
@Architecture("lstm")
@Architecture("transformer")
@Architecture("mamba")
@Architecture("xlstm")
@Seeds(count = 5)
public abstract class MainTableSuite {

  /** Training did something: the lowest test loss is below the first validation's. */
  @Check
  void trainingLowersTheTestLoss(RunResult run) {
    SanityChecks.testLossFell(run, HistoryAggregation.PAPER);
  }
}
