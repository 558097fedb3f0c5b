package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: no architecture. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
public class NoArchitectureSuite {

}
