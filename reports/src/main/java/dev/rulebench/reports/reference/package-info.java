/** The papers' published values and their credits. */
package dev.rulebench.reports.reference;
