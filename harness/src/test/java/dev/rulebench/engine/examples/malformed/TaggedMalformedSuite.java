package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import org.junit.jupiter.api.Tag;

@RuleExtrapolation(scale = "smoke")
@Grammar("aNbNN")
@Architecture("ngram")
@Tag("slow")
public class TaggedMalformedSuite {}
