package com.example;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Expect;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.eval.Metric;

@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("counting")
public class ACountingSuite {

  @Check
  void extrapolates(RunResult run) {
    Expect.that(run, Metric.OOD_R1).atLeast(0.5);
  }
}
