package dev.rulebench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.testing.TestRuns;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ExpectTest {

  private static RunResult first;
  private static RunResult second;

  @BeforeAll
  static void train() {
    first = TestRuns.train(1);
    second = TestRuns.train(2);
  }

  @Test
  void aHoldingBoundPasses() {
    double loss = first.metric(Metric.TEST_LOSS);
    Expect.that(first, Metric.TEST_LOSS).atMost(loss).atLeast(loss).between(loss, loss).closeTo(loss, 0)
        .below(loss + 1).above(loss - 1);
  }

  @Test
  void aBrokenBoundFailsWithExpectedAndActual() {
    double r1 = first.metric(Metric.OOD_R1);

    assertThatThrownBy(() -> Expect.that(first, Metric.OOD_R1).atLeast(r1 + 0.5))
        .isInstanceOfSatisfying(AssertionFailedError.class, error -> {
          assertThat(error.getMessage()).startsWith("aNbN ngram seed 1: OOD R1 (rule extrapolation) should be ≥ ");
          assertThat(error.getExpected().getStringRepresentation()).startsWith("≥ ");
          assertThat(error.getActual().getValue()).isEqualTo(r1);
        });
  }

  /** The same run, as if none of its OOD completions had ever finished. */
  private static RunResult withoutFinishedOodCompletions(RunResult r) {
    java.util.Map<Metric, Double> values = new java.util.EnumMap<>(r.paperMetrics().asMap());
    values.put(Metric.OOD_R1, null);
    values.put(Metric.OOD_FINISHED, 0.0);
    Metrics metrics = Metrics.of(values);
    return new RunResult(r.schema(), r.suite(), r.language(), r.architecture(), r.seed(), r.scale(), r.configHash(),
        r.cacheKey(), r.modelConfig(), r.training(), r.data(), r.environment(), r.parameterCount(), r.history(),
        metrics, metrics, metrics, r.stopReason(), r.timings(), r.samples(), r.resumedFromStep(), r.optimalTestLoss(),
        r.excessTestLoss(), r.prompts());
  }

  @Test
  void aMetricNotMeasuredFailsEveryExpectationWithTheReason() {
    RunResult unfinished = withoutFinishedOodCompletions(first);

    assertThatThrownBy(() -> Expect.that(unfinished, Metric.OOD_R1).atMost(1.0))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("aNbN ngram seed 1: OOD R1 (rule extrapolation) should be ≤ 1.000 but OOD R1 (rule extrapolation)"
            + " was not measured: none of the OOD completions finished (emitted EOS)");
    CellResult cell = new CellResult("suite", "aNbN", "ngram", "smoke",
        List.of(unfinished, withoutFinishedOodCompletions(second)));
    assertThatThrownBy(() -> Expect.that(cell, Metric.OOD_R1).atLeast(0))
        .isInstanceOf(AssertionFailedError.class).hasMessageEndingWith("in any seed");
  }

  @Test
  void aCellIsJudgedByItsMeanOverSeeds() {
    CellResult cell = new CellResult("suite", "aNbN", "ngram", "smoke", List.of(first, second));
    double mean = (first.metric(Metric.OOD_R1) + second.metric(Metric.OOD_R1)) / 2;

    assertThat(cell.metric(Metric.OOD_R1).mean()).isEqualTo(mean);
    assertThat(cell.seeds()).containsExactly(1L, 2L);
    assertThatThrownBy(() -> Expect.that(cell, Metric.OOD_R1).above(mean))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("aNbN ngram seeds [1, 2]: mean OOD R1 (rule extrapolation) (");
    assertThat(cell.bestCheckpoint().get(Metric.OOD_R1).n()).isEqualTo(2);
  }

  @Test
  void notANumberNeverPasses() {
    assertThatThrownBy(() -> Expect.that(Double.NaN, "a diverged loss").atMost(1))
        .hasMessage("a diverged loss should be ≤ 1.000 but was NaN");
  }
}
