package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.Metrics;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Training on aⁿbⁿ at smoke scale through the harness: learning, determinism, resuming. */
class TrainingTest {

  /** The paper configuration of each architecture learns: the test loss falls. */
  @ParameterizedTest
  @ValueSource(strings = {"linear", "lstm", "transformer", "mamba", "xlstm"})
  void lossFallsOnAnBn(String architecture) {
    RunResult result = TrialTests.run(TrialTests.smoke("aNbN", architecture, Map.of(), 1));
    List<Metrics> history = TrialTests.metrics(result);
    double first = history.get(0).testLoss();
    double last = history.get(history.size() - 1).testLoss();
    assertThat(last).as("test loss after %d steps (first validation %.4f)", result.timings().steps(), first)
        .isLessThan(0.85 * first);
    assertThat(result.environment().device()).isEqualTo("cpu");
    assertThat(result.environment().backend()).startsWith("TensorFlow 2.18");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "transformer", "mamba", "xlstm"})
  void sameSeedSameNumbers(String architecture) {
    Trial trial = TrialTests.smoke("aNbN", architecture, TestModels.small(architecture), 5);
    RunResult first = TrialTests.run(trial);
    RunResult second = TrialTests.run(trial);
    assertThat(TrialTests.metrics(second)).isEqualTo(TrialTests.metrics(first));
    assertThat(TrialTests.trainLosses(second)).isEqualTo(TrialTests.trainLosses(first));
    assertThat(second.samples()).isEqualTo(first.samples());
  }

  @Test
  void anotherSeedOtherNumbers() {
    RunResult first = TrialTests.run(TrialTests.smoke("aNbN", "lstm", TestModels.small("lstm"), 5));
    RunResult second = TrialTests.run(TrialTests.smoke("aNbN", "lstm", TestModels.small("lstm"), 6));
    assertThat(TrialTests.trainLosses(second)).isNotEqualTo(TrialTests.trainLosses(first));
  }

  /** Interrupted after a checkpoint and resumed, a run ends exactly where an uninterrupted one does. */
  @ParameterizedTest
  @ValueSource(strings = {"lstm", "transformer", "mamba", "xlstm"})
  void resumedRunEqualsUninterruptedRun(String architecture, @TempDir Path checkpoints) {
    Trial trial = TrialTests.smoke("aNbN", architecture, TestModels.small(architecture), 9);
    RunResult uninterrupted = TrialTests.run(trial);

    AtomicInteger polls = new AtomicInteger();
    // the runner asks before every step: stop before step 13, after the checkpoint at step 8
    assertThatThrownBy(() -> TrialTests.run(trial, checkpoints, () -> polls.incrementAndGet() > 12))
        .isInstanceOf(TrialCancelledException.class);
    RunResult resumed = TrialTests.run(trial, checkpoints, () -> false);

    assertThat(resumed.timings().steps()).isEqualTo(uninterrupted.timings().steps());
    assertThat(TrialTests.metrics(resumed)).isEqualTo(TrialTests.metrics(uninterrupted));
    assertThat(TrialTests.trainLosses(resumed).subList(1, resumed.history().size()))
        .isEqualTo(TrialTests.trainLosses(uninterrupted).subList(1, uninterrupted.history().size()));
    assertThat(resumed.samples()).isEqualTo(uninterrupted.samples());
  }
}
