package dev.rulebench.reports.figure;

import java.nio.file.Path;

/**
 * A chart written to disk in both formats.
 *
 * @param title what the chart shows
 * @param png the raster image, for attachments and quick looks
 * @param svg the vector image, for papers and zooming
 */
public record Figure(String title, Path png, Path svg) {}
