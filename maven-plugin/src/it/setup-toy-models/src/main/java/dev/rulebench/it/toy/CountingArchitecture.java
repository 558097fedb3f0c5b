package dev.rulebench.it.toy;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelInfo;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code counting}: a model without a tensor library whose loss falls geometrically and which
 * completes an aⁿbⁿ prompt with as many b's as the prompt has more a's than b's, then EOS. Its
 * "version 2" ({@code -Dtoy.counting.version=2} in the forked JVM, standing for a code change that
 * leaves the configuration alone) forgets the count and always writes one b. Its "version 3" is a
 * change far inside every band: the loss a billionth higher, the backend unchanged.
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
    boolean forgetful = "2".equals(System.getProperty("toy.counting.version"));
    double nudge = "3".equals(System.getProperty("toy.counting.version")) ? 1 + 1e-9 : 1;
    return new TrainableModel() {
      private double loss = 2.0;

      @Override
      public double trainStep(TokenBatch batch, double learningRate, long step) {
        loss = 0.05 + (loss - 0.05) * decay;
        return loss;
      }

      @Override
      public double loss(TokenBatch batch) {
        return forgetful ? loss * 3 : loss * nudge;
      }

      @Override
      public int[][] complete(int[][] prompts, DecodingOptions options) {
        int[][] completions = new int[prompts.length][];
        for (int i = 0; i < prompts.length; i++) {
          int surplus = 0;
          for (int token : prompts[i]) {
            surplus += token == A ? 1 : token == B ? -1 : 0;
          }
          int[] completion = new int[(forgetful ? 1 : Math.max(0, surplus)) + 1];
          Arrays.fill(completion, B);
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
        return new ModelInfo(1, "cpu", "toy counting " + (forgetful ? 2 : 1));
      }

      @Override
      public void close() {}
    };
  }
}
