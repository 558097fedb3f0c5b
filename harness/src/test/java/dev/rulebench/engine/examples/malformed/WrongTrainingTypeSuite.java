package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: a training value of the wrong type. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Training(set = "batchSize=big")
public class WrongTrainingTypeSuite {

}
