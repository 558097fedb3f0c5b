package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Expect;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Training;
import dev.rulebench.eval.Metric;
import dev.rulebench.model.DecodingMode;

/** A claim a trigram counter cannot meet: near-perfect rule extrapolation on aⁿbⁿ. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Training(decoding = DecodingMode.SAMPLE)
public class FailingCheckSuite {

  public static final double CLAIM = 0.99;

  @Check
  void extrapolatesR1(RunResult run) {
    Expect.that(run, Metric.OOD_R1).atLeast(CLAIM);
  }

  @Check
  void finishesCompletions(RunResult run) {
    Expect.that(run, Metric.ID_FINISHED).atLeast(0.5);
  }
}
