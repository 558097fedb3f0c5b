package dev.rulebench.suites.maintable;

import dev.rulebench.api.Grammar;

/** The main table's aⁿbⁿcⁿ (context-sensitive) rows: the five architectures on aNbNcN. */
@Grammar("aNbNcN")
public class ANbNcNMainTableSuite extends MainTableSuite {}
