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
@Architecture(value = "crashing", config = "how=segfault")
public class BSegfaultSuite {

  @Check
  void extrapolates(RunResult run) {
    Expect.that(run, Metric.OOD_R1).atLeast(0.5);
  }
}
