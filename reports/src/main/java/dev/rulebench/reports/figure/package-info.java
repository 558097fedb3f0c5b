/** Charts of run results (JFreeChart), written as PNG and SVG (JFreeSVG). */
package dev.rulebench.reports.figure;
