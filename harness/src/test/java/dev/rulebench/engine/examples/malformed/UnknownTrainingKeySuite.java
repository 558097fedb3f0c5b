package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: an unknown training key. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Training(set = "epoks=3")
public class UnknownTrainingKeySuite {

}
