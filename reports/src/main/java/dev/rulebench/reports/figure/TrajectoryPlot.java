package dev.rulebench.reports.figure;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.Metric;
import dev.rulebench.reports.cell.Cell;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The ICML case study's figure (SPEC §2.1): for each training variant, the mean trajectory over
 * seeds of OOD R1 (x) against test loss (y) during training, a circle at the start and a square at
 * the end. Models with nearly the same test loss end at very different rule extrapolation. A
 * validation at which no seed measured OOD R1 (no OOD completion finished) has no point, and a
 * subtitle counts them; a point averages the seeds that measured it.
 */
public final class TrajectoryPlot {

  private static final Shape START = new Ellipse2D.Double(-5, -5, 10, 10);
  private static final Shape END = new Rectangle2D.Double(-5, -5, 10, 10);

  private TrajectoryPlot() {}

  /** @param cellsByVariant the cells to draw, keyed by their variant (normal, adversarial, oracle) */
  public static JFreeChart create(Map<String, Cell> cellsByVariant) {
    XYSeriesCollection dataset = new XYSeriesCollection();
    cellsByVariant.forEach((variant, cell) -> dataset.addSeries(meanTrajectory(variant, cell.runs())));
    int notMeasured = cellsByVariant.values().stream().mapToInt(cell -> notMeasuredValidations(cell.runs())).sum();
    NumberAxis loss = new NumberAxis("test loss");
    loss.setAutoRangeIncludesZero(false);
    NumberAxis extrapolation = new NumberAxis("OOD R1 (rule extrapolation)");
    extrapolation.setRange(-0.02, 1.02);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true) {
      private static final long serialVersionUID = 1L;

      @Override
      public boolean getItemShapeVisible(int series, int item) {
        return item == 0 || item == dataset.getItemCount(series) - 1;
      }

      @Override
      public Shape getItemShape(int series, int item) {
        return item == 0 ? START : END;
      }
    };
    for (int i = 0; i < ChartFiles.PALETTE.length; i++) {
      renderer.setSeriesPaint(i, ChartFiles.PALETTE[i]);
    }
    // the legend names variants by colour; the shapes mark start and end
    renderer.setDefaultLegendShape(new Rectangle2D.Double(-8, -1.5, 16, 3));
    XYPlot plot = new XYPlot(dataset, extrapolation, loss, renderer);
    JFreeChart chart = new JFreeChart("aⁿbⁿ: test loss against rule extrapolation during training",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle("mean over seeds per validation; ○ start, □ end"));
    if (notMeasured > 0) {
      chart.addSubtitle(new TextTitle(notMeasured + " validation" + (notMeasured == 1 ? "" : "s") + " left out: OOD R1"
          + " not measured in any seed (no OOD completion finished), so no point (not a 0)"));
    }
    return chart;
  }

  /** Validation indices at which no run of the variant measured OOD R1 (and so no point is drawn). */
  static int notMeasuredValidations(List<RunResult> runs) {
    int longest = runs.stream().mapToInt(run -> run.history().size()).max().orElse(0);
    int count = 0;
    for (int index = 0; index < longest; index++) {
      final int at = index;
      boolean anyMeasured = runs.stream().anyMatch(run -> at < run.history().size()
          && run.history().get(at).metrics().find(Metric.OOD_R1).isPresent());
      boolean anyNotMeasured = runs.stream().anyMatch(run -> at < run.history().size()
          && run.history().get(at).metrics().notMeasured().contains(Metric.OOD_R1));
      if (!anyMeasured && anyNotMeasured) {
        count++;
      }
    }
    return count;
  }

  /** The mean (OOD R1, test loss) at each validation index over the runs that reached it. */
  static XYSeries meanTrajectory(String name, List<RunResult> runs) {
    XYSeries series = new XYSeries(name, false, true);
    int longest = runs.stream().mapToInt(run -> run.history().size()).max().orElse(0);
    for (int index = 0; index < longest; index++) {
      double r1 = 0;
      double loss = 0;
      int count = 0;
      for (RunResult run : runs) {
        if (index >= run.history().size()) {
          continue;
        }
        EvaluationPoint point = run.history().get(index);
        OptionalDouble x = point.metrics().find(Metric.OOD_R1);
        OptionalDouble y = point.metrics().find(Metric.TEST_LOSS);
        if (x.isPresent() && y.isPresent() && Double.isFinite(y.getAsDouble())) {
          r1 += x.getAsDouble();
          loss += y.getAsDouble();
          count++;
        }
      }
      if (count > 0) {
        series.add(r1 / count, loss / count);
      }
    }
    return series;
  }
}
