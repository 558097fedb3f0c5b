package dev.rulebench.suites.icml;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.api.Training;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.suites.SanityChecks;

/**
 * The ICML position paper's aⁿbⁿ case study (SPEC §2.1): the same Transformer (5 layers) trained
 * normally, adversarially (an extra loss on OOD completions that break R1) and with the oracle (an
 * extra loss on OOD completions that keep it), to about the same test loss, with very different
 * rule extrapolation. Validation every 100 epochs and no early stopping, as in that repository;
 * the tables read each run at its lowest test loss.
 */
@RuleExtrapolation(scale = "paper")
@Grammar("aNbN")
@Architecture(value = "transformer", config = "layers=5")
@Training(set = {"supervision=none", "validationInterval=100", "patience=0"})
@Training(set = {"supervision=adversarial", "validationInterval=100", "patience=0"})
@Training(set = {"supervision=oracle", "validationInterval=100", "patience=0"})
@Seeds(count = 5)
public class ANbNCaseStudySuite {

  /** Training did something: the test loss at the best checkpoint is below the first validation's. */
  @Check
  void trainingLowersTheTestLoss(RunResult run) {
    SanityChecks.testLossFell(run, HistoryAggregation.BEST_CHECKPOINT);
  }
}
