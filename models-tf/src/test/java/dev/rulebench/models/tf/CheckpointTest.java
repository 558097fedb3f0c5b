package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.model.TokenBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Weights and optimizer state survive a save and restore, in the same model and in a fresh one. */
class CheckpointTest {

  @ParameterizedTest
  @ValueSource(strings = {"linear", "lstm", "transformer", "mamba", "xlstm"})
  void restoredModelContinuesExactlyAsTheSavedOne(String architecture, @TempDir Path directory) {
    TokenBatch batch = batch();
    double[] continued = new double[3];
    try (GraphModel model = TestModels.create(architecture, TestModels.small(architecture), 21)) {
      for (int step = 0; step < 3; step++) {
        model.trainStep(batch, 3e-3, step);
      }
      model.saveCheckpoint(directory);
      for (int i = 0; i < 3; i++) {
        continued[i] = model.trainStep(batch, 3e-3, 3 + i);
      }
      // back in the same model: the moments and step count are restored too, not only the weights
      model.restoreCheckpoint(directory);
      for (int i = 0; i < 3; i++) {
        assertThat(model.trainStep(batch, 3e-3, 3 + i)).as("step %d in the same model", 3 + i).isEqualTo(continued[i]);
      }
    }
    // a new process resuming the same run: same seed (it fixes the dropout masks of every step), fresh weights
    try (GraphModel fresh = TestModels.create(architecture, TestModels.small(architecture), 21)) {
      fresh.restoreCheckpoint(directory);
      for (int i = 0; i < 3; i++) {
        assertThat(fresh.trainStep(batch, 3e-3, 3 + i)).as("step %d in a fresh model", 3 + i).isEqualTo(continued[i]);
      }
    }
  }

  @Test
  void checkpointOfAnotherConfigurationIsRefused(@TempDir Path directory) {
    try (GraphModel small = TestModels.create("lstm", Map.of("layers", "2", "hidden", "16"), 1)) {
      small.saveCheckpoint(directory);
    }
    try (GraphModel other = TestModels.create("lstm", Map.of("layers", "2", "hidden", "32"), 1)) {
      assertThatThrownBy(() -> other.restoreCheckpoint(directory)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has shape").hasMessageContaining("in this model");
    }
  }

  @Test
  void notACheckpointIsRefused(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("variables.bin"), "hello");
    try (GraphModel model = TestModels.create("linear", Map.of(), 1)) {
      assertThatThrownBy(() -> model.restoreCheckpoint(directory)).hasMessageContaining("not a RuleBench");
    }
  }

  private static TokenBatch batch() {
    int rows = 5;
    int length = TestModels.CONTEXT + 1;
    int[] tokens = new int[rows * length];
    Arrays.fill(tokens, 2);
    for (int r = 0; r < rows; r++) {
      tokens[r * length] = 0;
      for (int i = 1; i <= 2 * r + 2; i++) {
        tokens[r * length + i] = 3 + (i > r + 1 ? 1 : 0);
      }
      tokens[r * length + 2 * r + 3] = 1;
    }
    float[] weights = new float[rows * (length - 1)];
    Arrays.fill(weights, 1f / weights.length);
    return new TokenBatch(rows, length, tokens, weights);
  }
}
