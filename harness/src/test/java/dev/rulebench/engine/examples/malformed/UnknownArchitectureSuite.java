package dev.rulebench.engine.examples.malformed;

import dev.rulebench.api.*;

/** Malformed on purpose: an unknown architecture. */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("transformerz")
public class UnknownArchitectureSuite {

}
