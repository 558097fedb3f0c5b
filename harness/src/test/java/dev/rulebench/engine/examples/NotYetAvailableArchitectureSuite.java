package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;

/** Names one of the papers' architectures that no module on the test class path provides. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Architecture("mamba")
public class NotYetAvailableArchitectureSuite {}
