package dev.rulebench.suites.maintable;

import dev.rulebench.api.Grammar;

/** The main table's bα (regular) rows: the five architectures on baN. */
@Grammar("baN")
public class BaNMainTableSuite extends MainTableSuite {}
