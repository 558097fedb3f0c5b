package dev.rulebench.spark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.EvaluationPoint;

/** Compares what a run measured, leaving out wall-clock times, which differ between any two runs. */
public final class SameMetrics {

  private SameMetrics() {}

  public static void assertSameMetrics(RunResult actual, RunResult expected) {
    assertThat(actual.cacheKey()).isEqualTo(expected.cacheKey());
    assertThat(actual.history()).hasSameSizeAs(expected.history());
    for (int i = 0; i < expected.history().size(); i++) {
      EvaluationPoint a = actual.history().get(i);
      EvaluationPoint e = expected.history().get(i);
      assertThat(a.step()).isEqualTo(e.step());
      assertThat(a.trainLoss()).isEqualTo(e.trainLoss());
      assertThat(a.metrics()).isEqualTo(e.metrics());
    }
    assertThat(actual.paperMetrics()).isEqualTo(expected.paperMetrics());
    assertThat(actual.bestMetrics()).isEqualTo(expected.bestMetrics());
    assertThat(actual.finalMetrics()).isEqualTo(expected.finalMetrics());
    assertThat(actual.samples()).isEqualTo(expected.samples());
    assertThat(actual.stopReason()).isEqualTo(expected.stopReason());
  }
}
