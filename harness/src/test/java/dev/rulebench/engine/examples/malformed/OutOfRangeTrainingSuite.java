package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.Grammar;
import dev.rulebench.api.Architecture;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.Training;

@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Training(set = "temperature=-1")
public class OutOfRangeTrainingSuite {}
