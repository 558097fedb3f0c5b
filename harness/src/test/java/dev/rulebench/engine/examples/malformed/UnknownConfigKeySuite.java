package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: a config key the architecture does not have. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(value = "ngram", config = "layers=3")
public class UnknownConfigKeySuite {

}
