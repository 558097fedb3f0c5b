package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: an unknown scale. */
@RuleExtrapolation(scale = "huge")
@Grammar("aNbN")
@Architecture("ngram")
public class UnknownScaleSuite {

}
