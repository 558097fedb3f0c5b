package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: a check with the wrong parameter type. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
public class WrongCheckParameterSuite {

  @Check
  void looksAtTheLoss(double testLoss) {}
}
