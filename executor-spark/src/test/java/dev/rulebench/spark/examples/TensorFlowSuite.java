package dev.rulebench.spark.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Expect;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.api.Training;
import dev.rulebench.eval.Metric;

/** TensorFlow models (rulebench-models-tf) at smoke scale, deterministic: the same numbers wherever they train. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("linear")
@Architecture("lstm")
@Seeds(count = 1)
@Training(set = "deterministic=true")
public class TensorFlowSuite {

  @Check("test loss falls")
  void testLossFalls(RunResult run) {
    double first = run.history().get(0).metrics().get(Metric.TEST_LOSS);
    Expect.that(run.history().get(run.history().size() - 1).metrics().get(Metric.TEST_LOSS), "the last test loss")
        .below(first);
  }
}
