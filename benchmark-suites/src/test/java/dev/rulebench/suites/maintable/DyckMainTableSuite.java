package dev.rulebench.suites.maintable;

import dev.rulebench.api.Grammar;

/** The main table's Dyck (context-free) rows: the five architectures on dyck. */
@Grammar("dyck")
public class DyckMainTableSuite extends MainTableSuite {}
