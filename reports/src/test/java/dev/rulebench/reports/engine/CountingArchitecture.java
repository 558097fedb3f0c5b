package dev.rulebench.reports.engine;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelInfo;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import java.nio.file.Path;

/**
 * A model backend without a tensor library, for tests of the whole path from the engine to the
 * reports: its loss falls geometrically, and it completes an aⁿbⁿ prompt by appending as many b's
 * as the prompt has more a's than b's, then EOS (so it extrapolates R1 wherever that is possible).
 */
public final class CountingArchitecture implements ModelArchitecture {

  private static final int A = Vocabulary.FIRST_SYMBOL;
  private static final int B = Vocabulary.FIRST_SYMBOL + 1;

  @Override
  public String name() {
    return "counting";
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder().put("decay", 0.9).build();
  }

  @Override
  public TrainableModel create(ModelSpec spec) {
    double decay = spec.config().doubleValue("decay");
    double floor = 0.02 + 0.001 * (spec.seed() % 5);
    return new TrainableModel() {
      private double loss = 2.0;

      @Override
      public double trainStep(TokenBatch batch, double learningRate, long step) {
        loss = floor + (loss - floor) * decay;
        return loss;
      }

      @Override
      public double loss(TokenBatch batch) {
        return loss;
      }

      @Override
      public int[][] complete(int[][] prompts, DecodingOptions options) {
        int[][] completions = new int[prompts.length][];
        for (int i = 0; i < prompts.length; i++) {
          int surplus = 0;
          for (int token : prompts[i]) {
            surplus += token == A ? 1 : token == B ? -1 : 0;
          }
          int[] completion = new int[Math.max(0, surplus) + 1];
          java.util.Arrays.fill(completion, B);
          completion[completion.length - 1] = Vocabulary.EOS;
          completions[i] = completion;
        }
        return completions;
      }

      @Override
      public void saveCheckpoint(Path directory) {}

      @Override
      public void restoreCheckpoint(Path directory) {}

      @Override
      public ModelInfo info() {
        return new ModelInfo(1, "cpu", "counting 1.0");
      }

      @Override
      public void close() {}
    };
  }
}
