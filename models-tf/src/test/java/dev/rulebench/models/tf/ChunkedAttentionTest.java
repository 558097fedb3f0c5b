package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.model.TokenBatch;
import dev.rulebench.models.tf.graph.NativeKernels;
import java.util.Arrays;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Attention in query chunks computes what attention over the whole sequence computes, for batches
 * as long as the context and for shorter ones (trailing chunks empty). Chunks are the op graph's,
 * so the native kernels are off here ({@link AttentionKernelTest} compares the kernel with them).
 */
class ChunkedAttentionTest {

  @Test
  void chunkedEqualsWholeSequence() {
    String before = System.setProperty(NativeKernels.PROPERTY, "false");
    try {
      chunkedEqualsWholeSequenceInOpGraphs();
    } finally {
      SystemProperties.restore(NativeKernels.PROPERTY, before);
    }
  }

  private static void chunkedEqualsWholeSequenceInOpGraphs() {
    int[][] sequences = IncrementalDecodingTest.prompts(4, 9, 3);
    try (GraphModel chunked = TestModels.create("transformer", Map.of("layers", "2", "ffn", "32", "queryChunk", "3"), 4);
        GraphModel whole = TestModels.create("transformer", Map.of("layers", "2", "ffn", "32", "queryChunk", "64"), 4)) {
      float[][][] a = chunked.logits(sequences);
      float[][][] b = whole.logits(sequences);
      for (int r = 0; r < a.length; r++) {
        for (int t = 0; t < a[r].length; t++) {
          for (int v = 0; v < a[r][t].length; v++) {
            assertThat(a[r][t][v]).isCloseTo(b[r][t][v], Offset.offset(1e-5f));
          }
        }
      }
      // a short training batch (10 of 18 positions): the same loss, and it trains
      TokenBatch batch = shortBatch();
      assertThat(chunked.loss(batch)).isCloseTo(whole.loss(batch), Offset.offset(1e-5));
      double before = chunked.loss(batch);
      for (int step = 0; step < 10; step++) {
        assertThat(chunked.trainStep(batch, 5e-3, step)).isFinite();
      }
      assertThat(chunked.loss(batch)).isLessThan(before);
    }
  }

  private static TokenBatch shortBatch() {
    int rows = 3;
    int length = 10;
    int[] tokens = new int[rows * length];
    Arrays.fill(tokens, 2);
    for (int r = 0; r < rows; r++) {
      tokens[r * length] = 0;
      for (int i = 1; i <= 2 * (r + 1); i++) {
        tokens[r * length + i] = i <= r + 1 ? 3 : 4;
      }
      tokens[r * length + 2 * (r + 1) + 1] = 1;
    }
    float[] weights = new float[rows * (length - 1)];
    Arrays.fill(weights, 1f / weights.length);
    return new TokenBatch(rows, length, tokens, weights);
  }
}
