package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: no seeds. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Seeds(count = 0)
public class ZeroSeedCountSuite {

}
