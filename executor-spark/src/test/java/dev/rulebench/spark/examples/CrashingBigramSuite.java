package dev.rulebench.spark.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Check;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.Seeds;
import dev.rulebench.spark.testing.BigramArchitecture;

/** One healthy cell and one whose model throws at step 3: the broken runs must not take the others down. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(type = BigramArchitecture.class)
@Architecture(type = BigramArchitecture.class, config = "failAtStep=3")
@Seeds(count = 2)
public class CrashingBigramSuite {

  @Check
  void trained(RunResult run) {}
}
