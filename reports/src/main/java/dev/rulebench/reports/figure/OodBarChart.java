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
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Per language, OOD R1 (rule extrapolation) and OOD R2 completion per model as bars of the mean
 * with ± std whiskers, and the chance levels of SPEC §1.5 as dashed lines (the papers' figure).
 */
public final class OodBarChart {

  private OodBarChart() {}

  /**
   * @param language the language's name
   * @param cells the language's cells, one bar group each
   * @param chance the language's chance levels, if known
   */
  public static JFreeChart create(String language, List<Cell> cells, Optional<ChanceLevels> chance) {
    DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
    boolean ambiguous = cells.stream().map(cell -> cell.key().architecture()).distinct().count() < cells.size();
    for (Cell cell : cells) {
      SeedAggregate aggregate = cell.aggregate(HistoryAggregation.PAPER);
      String model = ReferenceModels.displayName(cell.key().architecture())
          + (ambiguous ? " " + cell.key().configHash().substring(0, Math.min(6, cell.key().configHash().length())) : "");
      add(dataset, aggregate, Metric.OOD_R1, "OOD R1 (rule extrapolation)", model);
      add(dataset, aggregate, Metric.OOD_R2_COMPLETION, "OOD R2 completion", model);
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
    return new JFreeChart(language + ": rule extrapolation on OOD prompts", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  private static void add(DefaultStatisticalCategoryDataset dataset, SeedAggregate aggregate, Metric metric,
      String series, String model) {
    Optional<Statistic> value = aggregate.find(metric);
    dataset.add(value.map(Statistic::mean).orElse(Double.NaN), value.map(Statistic::std).orElse(0.0), series, model);
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
