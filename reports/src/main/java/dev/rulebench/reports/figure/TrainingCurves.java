package dev.rulebench.reports.figure;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.Metric;
import java.awt.Font;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One run's validation history over optimizer steps: the losses above, every accuracy the run
 * reported below, on a shared step axis. A rule metric not measured at a validation (no completion
 * of its prompts finished) has no point there, and a subtitle counts such validations.
 */
public final class TrainingCurves {

  private TrainingCurves() {}

  public static JFreeChart create(RunResult run) {
    XYSeries testLoss = new XYSeries("test loss");
    XYSeries trainLoss = new XYSeries("train loss (mean since last validation)");
    Map<Metric, XYSeries> accuracies = new EnumMap<>(Metric.class);
    Map<Metric, Integer> notMeasured = new EnumMap<>(Metric.class);
    for (EvaluationPoint point : run.history()) {
      // a rule metric over no finished completion has no value: no point, counted for the subtitle
      point.metrics().notMeasured().forEach(metric -> notMeasured.merge(metric, 1, Integer::sum));
      addFinite(testLoss, point.step(), point.metrics().find(Metric.TEST_LOSS));
      if (Double.isFinite(point.trainLoss())) {
        trainLoss.add(point.step(), point.trainLoss());
      }
      point.metrics().asMap().forEach((metric, value) -> {
        if (metric.isAccuracy()) {
          addFinite(accuracies.computeIfAbsent(metric, m -> new XYSeries(m.label())), point.step(),
              OptionalDouble.of(value));
        }
      });
    }
    XYSeriesCollection losses = new XYSeriesCollection();
    losses.addSeries(testLoss);
    losses.addSeries(trainLoss);
    NumberAxis lossAxis = new NumberAxis("loss");
    lossAxis.setAutoRangeIncludesZero(false);
    XYPlot lossPlot = new XYPlot(losses, null, lossAxis, lines());

    XYSeriesCollection accuracySeries = new XYSeriesCollection();
    accuracies.values().forEach(accuracySeries::addSeries);
    NumberAxis accuracyAxis = new NumberAxis("accuracy");
    accuracyAxis.setRange(0.0, 1.05);
    XYPlot accuracyPlot = new XYPlot(accuracySeries, null, accuracyAxis, lines());

    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("optimizer step"));
    plot.setGap(8);
    plot.add(lossPlot, 2);
    plot.add(accuracyPlot, 3);
    String title = run.language() + " · " + run.architecture() + " · seed " + run.seed() + " (" + run.scale() + ")";
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    if (!notMeasured.isEmpty()) {
      chart.addSubtitle(new TextTitle(notMeasuredNote(notMeasured, run.history().size()),
          new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
    }
    return chart;
  }

  /**
   * "not measured (no completion finished), no point drawn: OOD R1 at 7 of 10 validations, …": the
   * validations at which a rule metric had no value.
   */
  static String notMeasuredNote(Map<Metric, Integer> notMeasured, int validations) {
    List<String> parts = new ArrayList<>();
    notMeasured.forEach((metric, count) -> parts.add(metric.label() + " at " + count + " of " + validations));
    return "not measured (no completion finished), no point drawn: " + String.join(", ", parts) + " validations";
  }

  private static void addFinite(XYSeries series, long step, OptionalDouble value) {
    if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
      series.add(step, value.getAsDouble());
    }
  }

  private static XYLineAndShapeRenderer lines() {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < ChartFiles.PALETTE.length; i++) {
      renderer.setSeriesPaint(i, ChartFiles.PALETTE[i]);
    }
    return renderer;
  }
}
