package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.Training;

/** The ICML case study's shape: one model trained three ways, a cell per @Training. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Training(set = "supervision=none")
@Training(set = "supervision=adversarial")
@Training(set = "supervision=oracle")
public class TrainingVariantsSuite {}
