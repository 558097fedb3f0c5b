package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Expect;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.api.Training;
import dev.rulebench.eval.Metric;
import dev.rulebench.model.DecodingMode;

/** A user's own language, by class, with training overrides. */
@RuleExtrapolation(scale = "smoke", name = "alternating pairs")
@Grammar(type = AlternatingPairs.class)
@Architecture(value = "ngram", config = {"order=4", "smoothing=0.01"})
@Seeds({7})
@Training(epochs = 30, batchSize = 32, lossIncludesPad = false, decoding = DecodingMode.SAMPLE, set = "warmup=0")
public class UserLanguageSuite {

  @Check
  void balancesInDistribution(RunResult run) {
    Expect.that(run, Metric.ID_R1).atLeast(0.5);
  }
}
