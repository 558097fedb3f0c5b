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
@Architecture("transformer")
public class ANbNSuite {

  /** Better than a model that knows nothing: uniform over aⁿbⁿ's 5 tokens. */
  @Check
  void learnsSomething(RunResult run) {
    Expect.that(run, Metric.TEST_LOSS).below(Math.log(5));
  }
}
