package dev.rulebench.testing;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelInfo;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import java.nio.file.Path;

/** An architecture whose models crash on their first training step, as a broken native library would. */
public final class BrokenArchitecture implements ModelArchitecture {

  public static final String MESSAGE = "the device fell over";

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder().put("order", 2).build();
  }

  @Override
  public TrainableModel create(ModelSpec spec) {
    return new TrainableModel() {
      @Override
      public double trainStep(TokenBatch batch, double learningRate, long step) {
        throw new IllegalStateException(MESSAGE);
      }

      @Override
      public double loss(TokenBatch batch) {
        throw new IllegalStateException(MESSAGE);
      }

      @Override
      public int[][] complete(int[][] prompts, DecodingOptions options) {
        throw new IllegalStateException(MESSAGE);
      }

      @Override
      public void saveCheckpoint(Path directory) {}

      @Override
      public void restoreCheckpoint(Path directory) {}

      @Override
      public ModelInfo info() {
        return new ModelInfo(0, "cpu", "broken");
      }

      @Override
      public void close() {}
    };
  }
}
