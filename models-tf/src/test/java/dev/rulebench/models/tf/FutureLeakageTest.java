package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.grammar.Vocabulary;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Changing a later token never changes an earlier logit, except in the linear model's paperCompat mode. */
class FutureLeakageTest {

  @ParameterizedTest
  @ValueSource(strings = {"linear", "lstm", "transformer", "mamba", "xlstm"})
  void earlierLogitsIgnoreLaterTokens(String architecture) {
    try (GraphModel model = TestModels.create(architecture, TestModels.small(architecture), 11)) {
      IncrementalDecodingTest.trainBriefly(model);
      int changed = 9;
      float[][] before = model.logits(sequences(Vocabulary.FIRST_SYMBOL))[0];
      float[][] after = model.logits(sequences(Vocabulary.FIRST_SYMBOL + 1))[0];
      for (int t = 0; t < changed; t++) {
        assertThat(after[t]).as("position %d", t).containsExactly(before[t]);
      }
      assertThat(after[changed]).as("the changed position itself sees its token").isNotEqualTo(before[changed]);
    }
  }

  /** The reference's mask: position t reads tokens s ≥ t, so it sees what it should predict. */
  @Test
  void paperCompatLinearModelSeesTheFuture() {
    try (GraphModel model = TestModels.create("linear", Map.of("paperCompat", "true"), 11)) {
      IncrementalDecodingTest.trainBriefly(model);
      float[][] before = model.logits(sequences(Vocabulary.FIRST_SYMBOL))[0];
      float[][] after = model.logits(sequences(Vocabulary.FIRST_SYMBOL + 1))[0];
      assertThat(after[3]).as("position 3 changes with the token at position 9").isNotEqualTo(before[3]);
    }
  }

  /** SOS a b a b … with the token at position 9 set. */
  private static int[][] sequences(int tokenAtNine) {
    int[] sequence = new int[14];
    sequence[0] = Vocabulary.SOS;
    for (int i = 1; i < sequence.length; i++) {
      sequence[i] = Vocabulary.FIRST_SYMBOL + (i % 2);
    }
    sequence[9] = tokenAtNine;
    return new int[][] {sequence};
  }
}
