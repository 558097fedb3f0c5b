package dev.rulebench.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rulebench.model.TokenBatch;
import dev.rulebench.trial.LearningRateSchedule;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.ScheduleUnit;
import dev.rulebench.trial.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

  private static double sum(float[] weights) {
    double s = 0;
    for (float w : weights) {
      s += w;
    }
    return s;
  }

  @Test
  void withPadInTheLossEveryTargetOfThePaddedRowsWeighsTheSame() {
    TokenBatch batch = new BatchBuilder(8, true).batch(List.of(new int[] {3, 4}, new int[] {3, 3, 4, 4}));
    assertThat(batch.length()).isEqualTo(8);
    assertThat(batch.tokens()).containsExactly(0, 3, 4, 1, 2, 2, 2, 2, 0, 3, 3, 4, 4, 1, 2, 2);
    assertThat(sum(batch.weights())).isCloseTo(1.0, within(1e-6));
    assertThat(batch.weights()).containsOnly(1f / 14);
  }

  @Test
  void withoutPadTheBatchIsTrimmedAndPadTargetsWeighNothing() {
    TokenBatch batch = new BatchBuilder(258, false).batch(List.of(new int[] {3, 4}, new int[] {3, 3, 4, 4}));
    assertThat(batch.length()).isEqualTo(6);
    // row 0 predicts a, b, EOS then PAD, PAD; row 1 predicts five real targets; 8 counted in all
    assertThat(batch.weights()).containsExactly(1 / 8f, 1 / 8f, 1 / 8f, 0, 0, 1 / 8f, 1 / 8f, 1 / 8f, 1 / 8f, 1 / 8f);
  }

  @Test
  void supervisedCompletionsAddTheirOwnMeanOverCompletionTargets() {
    BatchBuilder builder = new BatchBuilder(10, true);
    TokenBatch batch = builder.batch(List.of(new int[] {3, 4}),
        List.of(BatchBuilder.Row.completionOf(new int[] {4, 3, 3}, new int[] {4})));
    assertThat(batch.rows()).isEqualTo(2);
    float[] supervisedRow = java.util.Arrays.copyOfRange(batch.weights(), 9, 18);
    // prompt b a a (targets 0..2 predict b, a, a: not counted), completion b and EOS counted
    assertThat(supervisedRow).containsExactly(0, 0, 0, 0.5f, 0.5f, 0, 0, 0, 0);
    assertThat(sum(batch.weights())).isCloseTo(2.0, within(1e-6));
  }

  @Test
  void withPadTheSupervisedTermCountsPadUpToTheLongestSupervisedSequenceAsTheReferenceDoes() {
    List<BatchBuilder.Row> supervised = List.of(
        BatchBuilder.Row.completionOf(new int[] {4, 3, 3}, new int[] {4}),
        BatchBuilder.Row.completionOf(new int[] {4, 4, 3}, new int[] {3, 3}));
    TokenBatch padded = new BatchBuilder(10, true).batch(List.of(new int[] {3, 4}), supervised);
    // both rows count targets 3..5 of a sequence padded to SOS + 5 + EOS: b, EOS, PAD and a, a, EOS
    assertThat(java.util.Arrays.copyOfRange(padded.weights(), 9, 18))
        .containsExactly(0, 0, 0, 1 / 6f, 1 / 6f, 1 / 6f, 0, 0, 0);
    assertThat(java.util.Arrays.copyOfRange(padded.weights(), 18, 27))
        .containsExactly(0, 0, 0, 1 / 6f, 1 / 6f, 1 / 6f, 0, 0, 0);

    TokenBatch trimmed = new BatchBuilder(10, false).batch(List.of(new int[] {3, 4}), supervised);
    // without PAD only the completions and their EOS count: 2 + 3 targets
    assertThat(java.util.Arrays.copyOfRange(trimmed.weights(), 6, 12)).containsExactly(0, 0, 0, 0.2f, 0.2f, 0);
    assertThat(java.util.Arrays.copyOfRange(trimmed.weights(), 12, 18)).containsExactly(0, 0, 0, 0.2f, 0.2f, 0.2f);
  }

  @Test
  void evaluationBatchesAddUpToTheMeanOverTheWholeSet() {
    List<TokenBatch> batches = new BatchBuilder(6, true).evaluationBatches(
        List.of(new int[] {3}, new int[] {4}, new int[] {3, 4}), 2);
    assertThat(batches).hasSize(2);
    assertThat(batches.stream().mapToDouble(b -> sum(b.weights())).sum()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void theInverseSquareRootScheduleWarmsUpLinearlyThenDecays() {
    LearningRateSchedule schedule = new LearningRateSchedule(2e-3, 1000);
    assertThat(schedule.rate(0)).isZero();
    assertThat(schedule.rate(500)).isCloseTo(1e-3, within(1e-12));
    assertThat(schedule.rate(1000)).isCloseTo(2e-3, within(1e-12));
    assertThat(schedule.rate(4000)).isCloseTo(1e-3, within(1e-12));
    assertThat(new LearningRateSchedule(1e-3, 0).rate(7)).isEqualTo(1e-3);
  }

  @Test
  void scalesShrinkDataAndTrainingDeterministically() {
    var anbn = dev.rulebench.grammar.Languages.load().get("aNbN");
    var bban = dev.rulebench.grammar.Languages.load().get("bbaN");
    assertThat(Scale.PAPER.data(anbn).maxLength()).isEqualTo(256);
    assertThat(Scale.PAPER.training(bban, 15000).epochs()).isEqualTo(5000);
    assertThat(Scale.PAPER.training(bban, 15000).validationInterval()).isEqualTo(100);
    assertThat(Scale.PAPER.training(anbn, 128).validationInterval()).isEqualTo(250);
    assertThat(Scale.SMOKE.data(anbn).maxLength()).isEqualTo(16);
    TrainingConfig smoke = Scale.SMOKE.training(anbn, anbn.trainingSize(Scale.SMOKE.data(anbn)));
    assertThat(smoke.maxSteps()).isPositive();
    assertThat(smoke.scheduleUnit()).isEqualTo(ScheduleUnit.STEP);
    assertThat(Scale.parse("Quick")).isEqualTo(Scale.QUICK);
  }
}
