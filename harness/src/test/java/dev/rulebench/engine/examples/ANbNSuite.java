package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.CellResult;
import dev.rulebench.api.Check;
import dev.rulebench.api.Expect;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.api.Training;
import dev.rulebench.eval.Metric;
import dev.rulebench.model.DecodingMode;

/** Two cells (trigram and bigram counters on aⁿbⁿ), two seeds each, a check per run and per cell. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Architecture(value = "ngram", config = "order=2")
@Seeds(count = 2)
@Training(decoding = DecodingMode.SAMPLE)
public class ANbNSuite {

  @Check("completions end")
  void completionsEnd(RunResult run) {
    Expect.that(run, Metric.ID_FINISHED).atLeast(0.9);
  }

  @Check
  static void learnsTheTrainingWords(CellResult cell) {
    Expect.that(cell, Metric.TEST_LOSS).below(ANbNSuite.LOSS_BOUND);
  }

  /** Below the loss of a model that knows nothing (uniform over 5 tokens: ln 5 per target). */
  static final double LOSS_BOUND = Math.log(5);
}
