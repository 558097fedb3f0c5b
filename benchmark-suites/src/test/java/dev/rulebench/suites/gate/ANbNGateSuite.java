package dev.rulebench.suites.gate;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Expect;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.eval.Metric;
import org.junit.jupiter.api.Tag;

/**
 * The CI gate on model behaviour (docs/ci-gate.md): aⁿbⁿ with the four sequence models at the
 * {@code ci} scale, three seeds, where every model obeys the in-distribution rules and the OOD
 * prompts finish and extrapolate measurably, so the committed baseline-ci.json can see a change in
 * how models complete prompts, not only in the loss. benchmark-suites runs it in an execution of
 * its own (scale ci, tag {@value #TAG}); the smoke execution leaves it out.
 */
@RuleExtrapolation(scale = "ci")
@Tag(ANbNGateSuite.TAG)
@Grammar("aNbN")
@Architecture("lstm")
@Architecture("transformer")
@Architecture("mamba")
@Architecture("xlstm")
@Seeds({1, 2, 3})
public class ANbNGateSuite {

  static final String TAG = "ci-gate";

  /** What makes the cell worth gating: the in-distribution rules are learned. */
  @Check
  void learnsTheInDistributionRules(RunResult run) {
    Expect.that(run, Metric.ID_R1).atLeast(0.9);
    Expect.that(run, Metric.ID_R2).atLeast(0.9);
  }
}
