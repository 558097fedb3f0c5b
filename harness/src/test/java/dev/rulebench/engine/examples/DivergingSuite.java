package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.testing.ExplodingArchitecture;

/** A run whose loss explodes (finite all the way), one whose loss becomes NaN, and a healthy one. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(type = ExplodingArchitecture.class)
@Architecture(type = ExplodingArchitecture.class, config = "growth=NaN")
@Architecture("ngram")
public class DivergingSuite {}
