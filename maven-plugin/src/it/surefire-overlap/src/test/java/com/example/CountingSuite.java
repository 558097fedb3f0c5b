package com.example;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.Seeds;

/** No checks: only the baseline guards this cell. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("counting")
@Seeds(count = 2)
public class CountingSuite {}
