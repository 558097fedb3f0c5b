package dev.rulebench.reports.figure;

import dev.rulebench.config.Json;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.svg.SVGGraphics2D;

/** Renders charts to PNG and SVG files, headless, in one consistent style. */
public final class ChartFiles {

  static {
    // Reports are drawn on build machines without a display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** The series colours of every chart, distinguishable in print and for colour-blind readers. */
  static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  private ChartFiles() {}

  /** Writes {@code <stem>.png} and {@code <stem>.svg} into the folder, each atomically. */
  public static Figure write(JFreeChart chart, Path folder, String stem, int width, int height) {
    style(chart);
    Path png = folder.resolve(stem + ".png");
    Path svg = folder.resolve(stem + ".svg");
    Json.writeAtomically(png, png(chart, width, height));
    Json.writeAtomically(svg, svg(chart, width, height).getBytes(StandardCharsets.UTF_8));
    String title = chart.getTitle() == null ? stem : chart.getTitle().getText();
    return new Figure(title, png, svg);
  }

  /** The chart as PNG bytes. */
  public static byte[] png(JFreeChart chart, int width, int height) {
    style(chart);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(bytes, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the chart as PNG: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /** The chart as an SVG document. */
  public static String svg(JFreeChart chart, int width, int height) {
    style(chart);
    SVGGraphics2D graphics = new SVGGraphics2D(width, height);
    chart.draw(graphics, new Rectangle2D.Double(0, 0, width, height));
    return graphics.getSVGDocument();
  }

  /** White plots with light grid lines and readable fonts, for every chart type used here. */
  static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    if (chart.getTitle() != null) {
      chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    }
    stylePlot(chart.getPlot());
  }

  private static void stylePlot(Plot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(new Color(0xbbbbbb));
    if (plot instanceof CombinedDomainXYPlot combined) {
      for (XYPlot subplot : combined.getSubplots()) {
        stylePlot(subplot);
      }
    } else if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(new Color(0xdddddd));
      xy.setRangeGridlinePaint(new Color(0xdddddd));
    } else if (plot instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(new Color(0xdddddd));
    }
  }
}
