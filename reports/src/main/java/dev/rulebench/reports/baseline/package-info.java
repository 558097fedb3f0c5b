/**
 * Baselines: a build's cell aggregates written down with a tolerance per metric, and the
 * comparison that turns a later build's cells into regressions against them. What the Maven
 * plugin's {@code baseline} and {@code verify} goals use.
 */
package dev.rulebench.reports.baseline;
