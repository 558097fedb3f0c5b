package dev.rulebench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregationTest {

  private static EvaluationPoint point(long step, double loss, double idR1, double oodR1) {
    return new EvaluationPoint(0, step, 0, 0, 0,
        Metrics.of(Map.of(Metric.TEST_LOSS, loss, Metric.ID_R1, idR1, Metric.OOD_R1, oodR1)));
  }

  private final List<EvaluationPoint> history = List.of(point(1, 0.5, 0.2, 0.9), point(2, 0.1, 1.0, 0.3),
      point(3, 0.2, 0.4, 0.5));

  @Test
  void paperProtocolMaximisesEachAccuracyAndMinimisesTheLoss() {
    Metrics m = HistoryAggregation.PAPER.aggregate(history);
    assertThat(m.get(Metric.TEST_LOSS)).isEqualTo(0.1);
    assertThat(m.get(Metric.ID_R1)).isEqualTo(1.0);
    assertThat(m.get(Metric.OOD_R1)).isEqualTo(0.9);
  }

  @Test
  void bestCheckpointReadsEveryMetricAtTheLowestTestLoss() {
    Metrics m = HistoryAggregation.BEST_CHECKPOINT.aggregate(history);
    assertThat(m.get(Metric.OOD_R1)).isEqualTo(0.3);
    assertThat(m.get(Metric.ID_R1)).isEqualTo(1.0);
    assertThat(HistoryAggregation.FINAL.aggregate(history).get(Metric.OOD_R1)).isEqualTo(0.5);
  }

  @Test
  void seedsAggregateToMeanSampleStdAndCount() {
    SeedAggregate cell = SeedAggregate.of(List.of(
        Metrics.of(Map.of(Metric.OOD_R1, 0.4)), Metrics.of(Map.of(Metric.OOD_R1, 0.6)),
        Metrics.of(Map.of(Metric.OOD_R1, 0.8))));
    Statistic s = cell.get(Metric.OOD_R1);
    assertThat(s.mean()).isCloseTo(0.6, within(1e-12));
    assertThat(s.std()).isCloseTo(0.2, within(1e-12));
    assertThat(s.n()).isEqualTo(3);
    assertThat(Statistic.of(List.of(0.7)).std()).isZero();
    assertThat(s.format(3)).isEqualTo("0.600 ± 0.200 (n=3)");
  }

  private static Metrics notMeasuredOodR1(double loss) {
    Map<Metric, Double> values = new java.util.EnumMap<>(Metric.class);
    values.put(Metric.TEST_LOSS, loss);
    values.put(Metric.OOD_R1, null);
    values.put(Metric.OOD_FINISHED, 0.0);
    return Metrics.of(values);
  }

  @Test
  void aMetricNeverMeasuredStaysNotMeasuredAndOnceMeasuredItsBestCounts() {
    EvaluationPoint nothing = new EvaluationPoint(0, 1, 0, 0, 0, notMeasuredOodR1(0.5));
    EvaluationPoint some = new EvaluationPoint(0, 2, 0, 0, 0,
        Metrics.of(Map.of(Metric.TEST_LOSS, 0.4, Metric.OOD_R1, 0.25, Metric.OOD_FINISHED, 0.5)));

    assertThat(HistoryAggregation.PAPER.aggregate(List.of(nothing, nothing)).notMeasured())
        .containsExactly(Metric.OOD_R1);
    assertThat(HistoryAggregation.PAPER.aggregate(List.of(nothing, some, nothing)).get(Metric.OOD_R1))
        .isEqualTo(0.25);
    assertThat(HistoryAggregation.FINAL.aggregate(List.of(some, nothing)).isMeasured(Metric.OOD_R1)).isFalse();
  }

  @Test
  void seedsAggregateOverTheRunsThatMeasuredAMetric() {
    SeedAggregate cell = SeedAggregate.of(List.of(notMeasuredOodR1(0.3), Metrics.of(Map.of(Metric.OOD_R1, 0.6))));
    assertThat(cell.get(Metric.OOD_R1).n()).isEqualTo(1);
    assertThat(cell.notMeasured()).isEmpty();

    SeedAggregate none = SeedAggregate.of(List.of(notMeasuredOodR1(0.3), notMeasuredOodR1(0.4)));
    assertThat(none.notMeasured()).containsExactly(Metric.OOD_R1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> none.get(Metric.OOD_R1))
        .isInstanceOf(MetricNotMeasuredException.class).hasMessageEndingWith("in any run");
  }

  @Test
  void metricsRoundTripThroughJsonByKey() {
    Metrics m = Metrics.of(Map.of(Metric.OOD_R1, 0.25, Metric.TEST_LOSS, 0.02));
    String json = dev.rulebench.config.Json.write(m);
    assertThat(json).contains("\"ood_r1\"").contains("\"test_loss\"");
    assertThat(dev.rulebench.config.Json.read(json, Metrics.class)).isEqualTo(m);
  }
}
