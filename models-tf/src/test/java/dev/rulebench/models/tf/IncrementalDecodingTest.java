package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingMode;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.TokenBatch;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental decoders (carried LSTM state, the Transformer's key/value cache, the linear
 * model's embedding buffer) give the tokens the full forward pass gives: every generated token is
 * the argmax of the full recomputation's logits at its position.
 */
class IncrementalDecodingTest {

  @ParameterizedTest
  @ValueSource(strings = {"linear", "lstm", "transformer", "mamba", "xlstm"})
  void greedyCompletionEqualsFullRecomputation(String architecture) {
    try (GraphModel model = TestModels.create(architecture, TestModels.small(architecture), 7)) {
      trainBriefly(model);
      int[][] prompts = prompts(12, 4, 11);
      int[][] completions = model.complete(prompts, DecodingOptions.greedy(9));
      int longest = 0;
      for (int[] c : completions) {
        longest = Math.max(longest, c.length);
      }
      assertThat(longest).as("something was generated").isGreaterThan(0);
      int length = prompts[0].length + longest;
      int[][] sequences = new int[prompts.length][length];
      for (int r = 0; r < prompts.length; r++) {
        Arrays.fill(sequences[r], Vocabulary.PAD);
        System.arraycopy(prompts[r], 0, sequences[r], 0, prompts[r].length);
        System.arraycopy(completions[r], 0, sequences[r], prompts[r].length, completions[r].length);
      }
      float[][][] logits = model.logits(sequences);
      for (int r = 0; r < prompts.length; r++) {
        for (int k = 0; k < completions[r].length; k++) {
          int position = prompts[r].length - 1 + k;
          assertThat(argmax(logits[r][position])).as("row %d, new token %d", r, k).isEqualTo(completions[r][k]);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"linear", "lstm", "transformer", "transformer paperCompat", "mamba", "xlstm"})
  void stepLogitsEqualTheFullForwardPass(String variant) {
    String architecture = variant.split(" ")[0];
    java.util.Map<String, String> config = new java.util.HashMap<>(TestModels.small(architecture));
    if (variant.endsWith("paperCompat")) {
      config.put("paperCompat", "true");
    }
    try (GraphModel model = TestModels.create(architecture, config, 5)) {
      trainBriefly(model);
      int[][] sequences = prompts(6, 12, 17);
      sequences[2][7] = Vocabulary.PAD;
      sequences[3][12] = Vocabulary.EOS;
      float[][][] full = model.logits(sequences);
      float[][][] incremental = model.incrementalLogits(sequences);
      for (int r = 0; r < sequences.length; r++) {
        for (int t = 0; t < sequences[r].length; t++) {
          for (int v = 0; v < TestModels.VOCABULARY; v++) {
            assertThat(incremental[r][t][v]).as("row %d, position %d, token %d", r, t, v)
                .isCloseTo(full[r][t][v], org.assertj.core.data.Offset.offset(1e-4f));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "transformer", "mamba", "xlstm"})
  void rowsStopAtTheirFirstEos(String architecture) {
    try (GraphModel model = TestModels.create(architecture, TestModels.small(architecture), 3)) {
      trainBriefly(model);
      int[][] completions = model.complete(prompts(16, 3, 5),
          new DecodingOptions(DecodingMode.SAMPLE, 1.0, 12, 42));
      for (int[] completion : completions) {
        assertThat(completion.length).isBetween(1, 12);
        for (int i = 0; i < completion.length - 1; i++) {
          assertThat(completion[i]).as("only the last token may be EOS").isNotEqualTo(Vocabulary.EOS);
        }
        if (completion.length < 12) {
          assertThat(completion[completion.length - 1]).isEqualTo(Vocabulary.EOS);
        }
      }
      int[][] again = model.complete(prompts(16, 3, 5), new DecodingOptions(DecodingMode.SAMPLE, 1.0, 12, 42));
      assertThat(again).as("sampling is seeded").isDeepEqualTo(completions);
    }
  }

  static int[][] prompts(int rows, int symbols, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[][] prompts = new int[rows][symbols + 1];
    for (int[] p : prompts) {
      p[0] = Vocabulary.SOS;
      for (int i = 1; i < p.length; i++) {
        p[i] = Vocabulary.FIRST_SYMBOL + random.nextInt(2);
      }
    }
    return prompts;
  }

  /** A few steps on aⁿbⁿ words so the logits are no longer near ties. */
  static void trainBriefly(GraphModel model) {
    int rows = 7;
    int length = TestModels.CONTEXT + 1;
    int[] tokens = new int[rows * length];
    float[] weights = new float[rows * (length - 1)];
    Arrays.fill(tokens, Vocabulary.PAD);
    for (int r = 0; r < rows; r++) {
      int n = r + 1;
      tokens[r * length] = Vocabulary.SOS;
      for (int i = 0; i < n; i++) {
        tokens[r * length + 1 + i] = Vocabulary.FIRST_SYMBOL;
        tokens[r * length + 1 + n + i] = Vocabulary.FIRST_SYMBOL + 1;
      }
      tokens[r * length + 2 * n + 1] = Vocabulary.EOS;
    }
    Arrays.fill(weights, 1f / weights.length);
    TokenBatch batch = new TokenBatch(rows, length, tokens, weights);
    for (int step = 0; step < 20; step++) {
      model.trainStep(batch, 5e-3, step);
    }
  }

  static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
