package dev.rulebench.suites.maintable;

import dev.rulebench.api.Grammar;

/** The main table's CS Dyck (context-sensitive) rows: the five architectures on cs_dyck. */
@Grammar("cs_dyck")
public class CsDyckMainTableSuite extends MainTableSuite {}
