package dev.rulebench.suites.maintable;

import dev.rulebench.api.Grammar;

/** The main table's bⁿa²ᵐ (regular) rows: the five architectures on bbaN. */
@Grammar("bbaN")
public class BbaNMainTableSuite extends MainTableSuite {}
