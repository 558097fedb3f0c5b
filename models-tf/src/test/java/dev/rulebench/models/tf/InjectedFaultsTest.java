package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.api.RunResult;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingMode;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.InjectedFault;
import dev.rulebench.trial.Trial;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The test-only behaviour faults the CI gate's proof injects (docs/ci-gate.md): each one, turned
 * on, changes what a run records, and a run with a fault has a cache key of its own.
 */
class InjectedFaultsTest {

  private static <T> T withFault(InjectedFault fault, Supplier<T> action) {
    System.setProperty(InjectedFault.PROPERTY, fault.key());
    try {
      return action.get();
    } finally {
      System.clearProperty(InjectedFault.PROPERTY);
    }
  }

  /** What a run did, without wall times: every validation's metrics, the train losses and the samples. */
  private static List<Object> behaviour(RunResult result) {
    return List.of(TrialTests.metrics(result).stream().map(m -> m.byKey()).toList(), TrialTests.trainLosses(result),
        result.samples());
  }

  @Test
  void everyFaultChangesWhatASmallTransformerRunRecordsAndItsCacheKey() {
    Trial trial = TrialTests.smoke("aNbN", "transformer", TestModels.small("transformer"), 1);
    RunResult clean = TrialTests.run(trial);
    assertThat(behaviour(TrialTests.run(trial))).as("without a fault a run repeats exactly")
        .isEqualTo(behaviour(clean));
    // at smoke nothing finishes with or without EOS: that fault has its own test below
    for (InjectedFault fault : EnumSet.complementOf(EnumSet.of(InjectedFault.EOS_NEVER))) {
      RunResult faulty = withFault(fault, () -> TrialTests.run(trial));
      assertThat(behaviour(faulty)).as(fault.key()).isNotEqualTo(behaviour(clean));
      assertThat(withFault(fault, trial::cacheKey)).as(fault.key()).isNotEqualTo(trial.cacheKey());
    }
  }

  @Test
  void withEosNeverNoCompletionEmitsEosEvenWhenSamplingNearUniformly() {
    int[][] prompts = {Vocabulary.prompt(new int[] {3, 3}), Vocabulary.prompt(new int[] {3, 4})};
    DecodingOptions nearUniform = new DecodingOptions(DecodingMode.SAMPLE, 100.0, 30, 5L);
    int[][] clean;
    try (GraphModel model = TestModels.create("transformer", TestModels.small("transformer"), 1)) {
      clean = model.complete(prompts, nearUniform);
    }
    int[][] faulty = withFault(InjectedFault.EOS_NEVER, () -> {
      try (GraphModel model = TestModels.create("transformer", TestModels.small("transformer"), 1)) {
        return model.complete(prompts, nearUniform);
      }
    });
    assertThat(Arrays.stream(clean).flatMapToInt(Arrays::stream)).as("the clean model emits EOS")
        .contains(Vocabulary.EOS);
    assertThat(Arrays.stream(faulty).flatMapToInt(Arrays::stream)).doesNotContain(Vocabulary.EOS);
  }

  @Test
  void anUnknownFaultIsNamedWithTheKnownOnes() {
    System.setProperty(InjectedFault.PROPERTY, "gremlins");
    try {
      assertThatThrownBy(InjectedFault::active).hasMessageContaining("gremlins is no fault")
          .hasMessageContaining("causal-mask-leak");
    } finally {
      System.clearProperty(InjectedFault.PROPERTY);
    }
    assertThat(InjectedFault.active()).isEmpty();
  }
}
