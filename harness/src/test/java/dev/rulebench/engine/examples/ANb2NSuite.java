package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;

/** A user's own language, written as a SimpleLanguage, in a suite. */
@RuleExtrapolation(scale = "smoke")
@Grammar(type = ANb2N.class)
@Architecture("ngram")
public class ANb2NSuite {}
