package dev.rulebench.spark.examples;

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
import dev.rulebench.spark.testing.BigramArchitecture;

/** A smoke suite for executor tests: two bigram cells on aⁿbⁿ, two seeds each, a check per run and per cell. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(type = BigramArchitecture.class)
@Architecture(type = BigramArchitecture.class, config = "smoothing=0.1")
@Seeds(count = 2)
@Training(decoding = DecodingMode.SAMPLE)
public class BigramSuite {

  @Check("completions end")
  void completionsEnd(RunResult run) {
    Expect.that(run, Metric.ID_FINISHED).atLeast(0.5);
  }

  @Check
  static void learnsTheTrainingWords(CellResult cell) {
    // below the loss of a model that knows nothing (uniform over 5 tokens: ln 5 per target)
    Expect.that(cell, Metric.TEST_LOSS).below(Math.log(5));
  }
}
