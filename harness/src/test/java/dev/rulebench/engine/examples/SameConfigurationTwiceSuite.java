package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;

/** Two declarations of one configuration: the second states the n-gram model's default order. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Architecture(value = "ngram", config = {"order=3"})
public class SameConfigurationTwiceSuite {}
