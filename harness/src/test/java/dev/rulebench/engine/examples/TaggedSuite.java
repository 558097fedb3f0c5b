package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Expect;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.eval.Metric;
import org.junit.jupiter.api.Tag;

/** Tags on the class and on one check. */
@Tag("nightly")
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(value = "ngram", config = "order=2")
public class TaggedSuite {

  @Tag("extrapolation")
  @Check
  void extrapolation(RunResult run) {
    Expect.that(run, Metric.OOD_R1).between(0, 1);
  }

  @Check
  void finished(RunResult run) {
    Expect.that(run, Metric.ID_FINISHED).between(0, 1);
  }
}
