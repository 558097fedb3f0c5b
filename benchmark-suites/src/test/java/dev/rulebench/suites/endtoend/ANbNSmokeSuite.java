package dev.rulebench.suites.endtoend;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Expect;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.eval.Metric;

/** A real suite at smoke scale: the TensorFlow Transformer on aⁿbⁿ, one seed. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("transformer")
public class ANbNSmokeSuite {

  /** The loss of a model that knows nothing: uniform over aⁿbⁿ's 5 tokens. */
  static final double UNIFORM_LOSS = Math.log(5);

  @Check
  void learnsSomething(RunResult run) {
    Expect.that(run, Metric.TEST_LOSS).below(UNIFORM_LOSS);
  }
}
