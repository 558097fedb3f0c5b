package dev.rulebench.suites.maintable;

import dev.rulebench.api.Grammar;

/** The main table's aⁿbⁿ (context-free) rows: the five architectures on aNbN. */
@Grammar("aNbN")
public class ANbNMainTableSuite extends MainTableSuite {}
