/** Run results read from disk and grouped into cells (suite × language × architecture × configuration). */
package dev.rulebench.reports.cell;
