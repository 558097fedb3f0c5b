package dev.rulebench.spark.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.spark.testing.BigramArchitecture;

/** Runs of about 12 s (24 steps of 500 ms), to be cancelled while they train. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(type = BigramArchitecture.class, config = "stepDelayMillis=500")
@Seeds(count = 3)
public class SlowBigramSuite {

  @Check
  void anything(RunResult run) {}
}
