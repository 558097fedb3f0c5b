package dev.rulebench.reports.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.CellResult;
import dev.rulebench.api.Check;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.eval.Metric;

/** A suite for the engine-to-reports test: one passing check per run, one failing check per cell. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("counting")
@Seeds(count = 2)
public class CountingSuite {

  @Check
  void everyCompletionFinishes(RunResult run) {
    assertEquals(1.0, run.paperMetrics().get(Metric.OOD_FINISHED));
  }

  @Check
  void extrapolatesEveryOodPrompt(CellResult cell) {
    assertEquals(1.0, cell.metric(Metric.OOD_R1).mean(), "OOD R1 of " + cell.label());
  }
}
