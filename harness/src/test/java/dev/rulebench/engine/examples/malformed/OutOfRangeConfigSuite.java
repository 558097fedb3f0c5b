package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;

@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(value = "ngram", config = "order=0")
public class OutOfRangeConfigSuite {}
