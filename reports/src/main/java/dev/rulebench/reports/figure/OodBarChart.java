package dev.rulebench.reports.figure;

import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.reference.ReferenceModels;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Per language, OOD R1 (rule extrapolation) and OOD R2 completion per model as bars of the mean
 * with ± std whiskers, and the chance levels of SPEC §1.5 as dashed lines (the papers' figure). A
 * metric not measured (no OOD completion finished in any run) gets no bar but "× not finished" on
 * the axis, and a subtitle says so.
 */
public final class OodBarChart {

  /** Marks a model whose OOD metrics were not measured; plain Latin-1 so every font has it. */
  static final String NOT_FINISHED = "× not finished";

  private static final List<Metric> METRICS = List.of(Metric.OOD_R1, Metric.OOD_R2_COMPLETION);
  private static final List<String> SERIES = List.of("OOD R1 (rule extrapolation)", "OOD R2 completion");
  private static final List<String> SHORT = List.of("OOD R1", "OOD R2 completion");

  private OodBarChart() {}

  /**
   * @param language the language's name
   * @param cells the language's cells, one bar group each
   * @param chance the language's chance levels, if known
   */
  public static JFreeChart create(String language, List<Cell> cells, Optional<ChanceLevels> chance) {
    DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
    boolean ambiguous = cells.stream().map(cell -> cell.key().architecture()).distinct().count() < cells.size();
    Map<String, List<String>> notFinished = new LinkedHashMap<>();
    for (Cell cell : cells) {
      SeedAggregate aggregate = cell.aggregate(HistoryAggregation.PAPER);
      String model = ReferenceModels.displayName(cell.key().architecture())
          + (ambiguous ? " " + cell.key().configHash().substring(0, Math.min(6, cell.key().configHash().length())) : "");
      for (int i = 0; i < METRICS.size(); i++) {
        if (!add(dataset, aggregate, METRICS.get(i), SERIES.get(i), model)) {
          notFinished.computeIfAbsent(model, m -> new ArrayList<>()).add(SHORT.get(i));
        }
      }
    }
    StatisticalBarRenderer renderer = new StatisticalBarRenderer();
    renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
    renderer.setSeriesPaint(0, ChartFiles.PALETTE[0]);
    renderer.setSeriesPaint(1, ChartFiles.PALETTE[1]);
    renderer.setItemMargin(0.05);
    NumberAxis accuracy = new NumberAxis("accuracy (mean ± std over seeds)");
    accuracy.setRange(0.0, 1.05);
    CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis("model"), accuracy, renderer);
    chance.ifPresent(levels -> {
      plot.addRangeMarker(chanceLine(levels.oodR1(), "chance OOD R1", ChartFiles.PALETTE[0]));
      plot.addRangeMarker(chanceLine(levels.oodR2Completion(), "chance OOD R2 completion", ChartFiles.PALETTE[1]));
    });
    notFinished.forEach((model, metrics) -> plot.addAnnotation(notFinishedMark(model, metrics)));
    JFreeChart chart = new JFreeChart(language + ": rule extrapolation on OOD prompts", JFreeChart.DEFAULT_TITLE_FONT,
        plot, true);
    if (!notFinished.isEmpty()) {
      chart.addSubtitle(new TextTitle(NOT_FINISHED + ": not measured, no OOD completion finished (emitted EOS) in any"
          + " run, so no bar (not a 0)", new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
    }
    return chart;
  }

  /**
   * Adds a bar, or a gap where the metric has no value.
   *
   * @return false when the metric was not measured in any run (no OOD completion finished)
   */
  private static boolean add(DefaultStatisticalCategoryDataset dataset, SeedAggregate aggregate, Metric metric,
      String series, String model) {
    Optional<Statistic> value = aggregate.find(metric);
    // a null mean draws no bar: a metric without a value must not look like a 0
    dataset.add(value.map(Statistic::mean).orElse(null), value.map(Statistic::std).orElse(null), series, model);
    return !aggregate.notMeasured().contains(metric);
  }

  /** "× not finished" on the baseline of a model whose bars are missing because nothing finished. */
  private static CategoryTextAnnotation notFinishedMark(String model, List<String> metrics) {
    String text = NOT_FINISHED + (metrics.size() == METRICS.size() ? "" : " (" + String.join(", ", metrics) + ")");
    CategoryTextAnnotation mark = new CategoryTextAnnotation(text, model, 0.01);
    mark.setTextAnchor(TextAnchor.BOTTOM_CENTER);
    mark.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    mark.setPaint(new Color(0x555555));
    return mark;
  }

  private static ValueMarker chanceLine(double level, String label, Color color) {
    ValueMarker marker = new ValueMarker(level, color.darker(), new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    marker.setLabel(label);
    marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    marker.setLabelPaint(color.darker());
    marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    return marker;
  }
}
