package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;

/** Runs slow enough (20 ms a step) to be cancelled while they train. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(value = "ngram", config = "stepMillis=20")
@Seeds(count = 3)
public class SlowSuite {

  @Check
  void anything(RunResult run) {}
}
