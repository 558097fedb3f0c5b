package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.testing.ExplodingArchitecture;

/** One run whose loss explodes (finite all the way) beside a healthy one. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(type = ExplodingArchitecture.class)
@Architecture("ngram")
public class DivergingSuite {}
