package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.CellResult;
import dev.rulebench.api.Check;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.RunResult;
import dev.rulebench.testing.BrokenArchitecture;

/** A run whose model crashes, and a check that crashes on a healthy run. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(type = BrokenArchitecture.class)
@Architecture("ngram")
public class CrashingSuite {

  @Check
  void readsTheSamples(RunResult run) {
    String missing = run.architecture().equals("ngram") ? null : "";
    missing.length();
  }

  @Check
  void cellCheck(CellResult cell) {}
}
