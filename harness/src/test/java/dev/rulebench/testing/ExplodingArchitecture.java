package dev.rulebench.testing;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelInfo;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import java.nio.file.Path;

/**
 * A model whose loss explodes while staying finite, as a model at a learning rate of 1e3 does:
 * ln |V| at the first step, ten times more at every step after it.
 */
public final class ExplodingArchitecture implements ModelArchitecture {

  @Override
  public String name() {
    return "exploding";
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder().put("growth", 10.0).build();
  }

  @Override
  public TrainableModel create(ModelSpec spec) {
    double growth = spec.config().doubleValue("growth");
    double uniform = Math.log(spec.vocabularySize());
    return new TrainableModel() {
      private double loss = uniform;

      @Override
      public double trainStep(TokenBatch batch, double learningRate, long step) {
        double now = loss;
        loss *= growth;
        return now;
      }

      @Override
      public double loss(TokenBatch batch) {
        return loss;
      }

      @Override
      public int[][] complete(int[][] prompts, DecodingOptions options) {
        return new int[prompts.length][0];
      }

      @Override
      public void saveCheckpoint(Path directory) {}

      @Override
      public void restoreCheckpoint(Path directory) {}

      @Override
      public ModelInfo info() {
        return new ModelInfo(0, "cpu", "exploding (RuleBench test backend)");
      }

      @Override
      public void close() {}
    };
  }
}
