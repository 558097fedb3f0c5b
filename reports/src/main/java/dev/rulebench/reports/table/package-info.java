/** The papers' tables rebuilt from run results, beside the published values, in four formats. */
package dev.rulebench.reports.table;
