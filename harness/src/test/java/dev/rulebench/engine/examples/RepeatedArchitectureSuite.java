package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;

@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture(value = "ngram", config = "order=2")
@Architecture(value = "ngram", config = "order=2")
public class RepeatedArchitectureSuite {}
