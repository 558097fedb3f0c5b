package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.api.RunResult;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.trial.Trial;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs that share the machine ({@code rulebench.parallelism}) get a share of the cores; what they
 * compute must not change: the same seed on one thread and on every core gives the same run, bit
 * for bit, through the op graph (Transformer) and the native kernels (Mamba).
 */
class ThreadBudgetTest {

  private static List<Object> behaviour(RunResult result) {
    return List.of(TrialTests.metrics(result).stream().map(m -> m.byKey()).toList(), TrialTests.trainLosses(result),
        result.samples());
  }

  @Test
  void oneThreadAndEveryCoreTrainTheSameTransformerAndMamba() {
    for (String architecture : List.of("transformer", "mamba")) {
      Trial trial = TrialTests.smoke("aNbN", architecture, TestModels.small(architecture), 2);
      assertThat(behaviour(TrialTests.run(trial, 1))).as(architecture)
          .isEqualTo(behaviour(TrialTests.run(trial, 0)));
    }
  }

  @Test
  void theKernelsBuiltForABudgetedRunUseItsThreadsAndOnlyWhileItBuilds() {
    int everyCore = NativeKernels.threads();
    try (NativeKernels.ThreadBudget budget = NativeKernels.threadBudget(1)) {
      assertThat(NativeKernels.threads()).isEqualTo(Integer.getInteger(NativeKernels.THREADS, 1));
    }
    assertThat(NativeKernels.threads()).isEqualTo(everyCore);
    try (NativeKernels.ThreadBudget none = NativeKernels.threadBudget(0)) {
      assertThat(NativeKernels.threads()).isEqualTo(everyCore);
    }
  }
}
