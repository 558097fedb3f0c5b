package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: a config value of the wrong type. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(value = "ngram", config = "order=three")
public class WrongConfigTypeSuite {

}
