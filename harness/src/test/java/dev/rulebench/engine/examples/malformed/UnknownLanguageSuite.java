package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: an unknown language. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbNN")
@Architecture("ngram")
public class UnknownLanguageSuite {

}
