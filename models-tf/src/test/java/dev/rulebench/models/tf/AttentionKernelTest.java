package dev.rulebench.models.tf;

import static dev.rulebench.models.tf.GraphChecks.assertAgree;
import static dev.rulebench.models.tf.GraphChecks.constant;
import static dev.rulebench.models.tf.GraphChecks.gaussian;
import static dev.rulebench.models.tf.GraphChecks.run;
import static dev.rulebench.models.tf.GraphChecks.toDouble;
import static dev.rulebench.models.tf.SystemProperties.restore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rulebench.model.InjectedFault;
import dev.rulebench.models.tf.GraphChecks.Input;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.layers.CausalAttention;
import dev.rulebench.models.tf.layers.Dropout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The attention kernel ({@link CausalAttention}, {@code attention.c}) against an op graph of the
 * same attention with the same dropout mask: softmax of the scaled scores with future and PAD keys
 * masked, the weights zeroed where {@link Dropout#keepOpGraph} drops a {@code [B, H, T, T]} mask's
 * entry, times the values scaled by 1/(1−p). Its gradient against TensorFlow's derivative of that
 * graph and against central differences; its bits across thread counts; and a Transformer with the
 * kernel against one with the op graph.
 */
class AttentionKernelTest {

  private static final int BATCH = 2;
  private static final int HEADS = 2;
  /** Not a multiple of the kernel's 16 lanes, nor of a Philox block's 8 entries. */
  private static final int STEPS = 37;
  private static final long[] SEED = {5, 9};

  /** PAD keys: row 1's last 6 positions. */
  private static boolean[] keyValid() {
    boolean[] valid = new boolean[BATCH * STEPS];
    for (int j = 0; j < valid.length; j++) {
      valid[j] = j < STEPS || j % STEPS < STEPS - 6;
    }
    return valid;
  }

  private static Operand<TBool> keyValid(Ops tf) {
    boolean[] valid = keyValid();
    return tf.constant(org.tensorflow.ndarray.Shape.of(BATCH, STEPS),
        org.tensorflow.ndarray.buffer.DataBuffers.of(valid, true, false));
  }

  /**
   * The reference: the attention of qkv {@code [B, T, 3, H, d]} as ops (2-D products per row and
   * head, which TensorFlow differentiates itself), context {@code [B, T, H, d]}.
   */
  private static Operand<TFloat32> opGraph(Ops tf, Operand<TFloat32> qkv, int width, double rate) {
    // [B, T, 3, H, d] → [B, 3, H, T, d]
    Operand<TFloat32> heads = tf.linalg.transpose(qkv, tf.constant(new int[] {0, 2, 3, 1, 4}));
    Operand<TBool> keep = rate > 0 ? Dropout.keepOpGraph(tf, tf.zeros(tf.constant(new long[] {BATCH, HEADS, STEPS,
        STEPS}), TFloat32.class), tf.constant(SEED), Dropout.threshold(rate)) : null;
    boolean[] valid = keyValid();
    List<Operand<TFloat32>> rows = new ArrayList<>();
    for (int b = 0; b < BATCH; b++) {
      float[] bias = new float[STEPS * STEPS];
      for (int i = 0; i < STEPS; i++) {
        for (int j = 0; j < STEPS; j++) {
          bias[i * STEPS + j] = j > i || !valid[b * STEPS + j] ? -1e9f : 0f;
        }
      }
      List<Operand<TFloat32>> perHead = new ArrayList<>();
      for (int h = 0; h < HEADS; h++) {
        Operand<TFloat32> q = tf.math.mul(part(tf, heads, b, 0, h, width), tf.constant((float) (1 / Math.sqrt(width))));
        Operand<TFloat32> scores = tf.linalg.matMul(q, part(tf, heads, b, 1, h, width),
            org.tensorflow.op.linalg.MatMul.transposeB(true));
        Operand<TFloat32> weights = tf.nn.softmax(tf.math.add(scores, constant(tf, bias, STEPS, STEPS)));
        Operand<TFloat32> v = part(tf, heads, b, 2, h, width);
        if (keep != null) {
          Operand<TBool> kept = tf.reshape(tf.slice(keep, tf.constant(new int[] {b, h, 0, 0}),
              tf.constant(new int[] {1, 1, STEPS, STEPS})), tf.constant(new int[] {STEPS, STEPS}));
          weights = tf.select(kept, weights, tf.zerosLike(weights));
          v = tf.math.mul(v, tf.constant(Dropout.scale(rate)));
        }
        perHead.add(tf.linalg.matMul(weights, v));
      }
      rows.add(tf.stack(perHead, org.tensorflow.op.core.Stack.axis(1L)));  // [T, H, d]
    }
    return tf.stack(rows);
  }

  /** {@code heads[b, part, h]}, {@code [T, d]}. */
  private static Operand<TFloat32> part(Ops tf, Operand<TFloat32> heads, int b, int part, int h, int width) {
    return tf.reshape(tf.slice(heads, tf.constant(new int[] {b, part, h, 0, 0}),
        tf.constant(new int[] {1, 1, 1, STEPS, width})), tf.constant(new int[] {STEPS, width}));
  }

  private static Operand<TFloat32> kernel(Ops tf, Operand<TFloat32> qkv, double rate, boolean differentiated) {
    return CausalAttention.kernel(tf, qkv, keyValid(tf), tf.constant(SEED), rate, differentiated);
  }

  private static float[] qkv(SplittableRandom random, int width, double scale) {
    float[] values = gaussian(random, BATCH * STEPS * 3 * HEADS * width);
    for (int j = 0; j < values.length; j++) {
      values[j] *= (float) scale;
    }
    return values;
  }

  /** Heads of width 2 (the paper's: 10 wide in 5 heads) and 3; without dropout and with 0.1 and 0.5. */
  @ParameterizedTest(name = "heads of width {0}, dropout {1}")
  @CsvSource({"2, 0", "2, 0.1", "3, 0.5"})
  void contextAndGradientEqualTheOpGraphs(int width, double rate) {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(20 + width);
    // scores of a few units, so that softmax is neither flat nor one-hot
    float[] qkv = qkv(random, width, 2.0);
    long[] shape = {BATCH, STEPS, 3, HEADS, width};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = constant(tf, qkv, shape);
      assertAgree("attention kernel, width " + width + ", dropout " + rate, run(g, kernel(tf, in, rate, false)),
          toDouble(run(g, opGraph(tf, in, width, rate))));
    }
    float[] w = gaussian(random, BATCH * STEPS * HEADS * width);
    GraphChecks.Forward attention = (tf, in, handWritten) -> handWritten ? kernel(tf, in.get(0), rate, true)
        : opGraph(tf, in.get(0), width, rate);
    long[] outputShape = {BATCH, STEPS, HEADS, width};
    List<Input> inputs = List.of(new Input("q, k, v", qkv, shape));
    GraphChecks.assertGradientsAgree("attention kernel", inputs, w, outputShape, attention);
    GraphChecks.assertCentralDifferences("attention kernel", inputs, w, outputShape, attention, 1e-2, 2e-3);
  }

  @Test
  void theSameBitsOnAnyNumberOfThreads() {
    assumeTrue(NativeKernels.available());
    GraphChecks.assertSameBitsOnOneAndThreeThreads(AttentionKernelTest::forwardAndGradient);
  }

  private static List<float[]> forwardAndGradient() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      SplittableRandom random = new SplittableRandom(4);
      Operand<TFloat32> in = constant(tf, qkv(random, 2, 2.0), BATCH, STEPS, 3, HEADS, 2);
      Operand<TFloat32> context = kernel(tf, in, 0.1, true);
      List<float[]> values = new ArrayList<>();
      values.add(run(g, context));
      values.addAll(GraphChecks.gradients(g, tf, context, constant(tf, gaussian(random, BATCH * STEPS * HEADS * 2),
          BATCH, STEPS, HEADS, 2), List.of(in)));
      return values;
    }
  }

  /** A NaN query makes its own contexts NaN (and no other row's), so a diverged model's loss turns NaN. */
  @Test
  void aNanQueryGivesNanContexts() {
    assumeTrue(NativeKernels.available());
    float[] qkv = qkv(new SplittableRandom(8), 2, 1.0);
    // row 0, position 5, head 1's query
    qkv[((5 * 3) * HEADS + 1) * 2] = Float.NaN;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      float[] context = run(g, kernel(tf, constant(tf, qkv, BATCH, STEPS, 3, HEADS, 2), 0.1, false));
      assertThat(context[(5 * HEADS + 1) * 2]).isNaN();
      assertThat(context[(STEPS * HEADS + 5 * HEADS + 1) * 2]).as("row 1").isNotNaN();
    }
  }

  /**
   * A query that sees no key (every key up to it is PAD) reads nothing: its context is 0, as the
   * kernel defines it, and neither it nor the gradient is NaN, which a softmax over no key would
   * give; the queries after it attend as usual.
   */
  @Test
  void aQueryThatSeesNoKeyHasAZeroContextAndNoNan() {
    assumeTrue(NativeKernels.available());
    int blind = 3;  // row 0's first three keys are PAD
    boolean[] valid = new boolean[BATCH * STEPS];
    for (int j = 0; j < valid.length; j++) {
      valid[j] = j >= blind;
    }
    SplittableRandom random = new SplittableRandom(10);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = constant(tf, qkv(random, 2, 2.0), BATCH, STEPS, 3, HEADS, 2);
      Operand<TBool> keyValid = tf.constant(org.tensorflow.ndarray.Shape.of(BATCH, STEPS),
          org.tensorflow.ndarray.buffer.DataBuffers.of(valid, true, false));
      Operand<TFloat32> context = CausalAttention.kernel(tf, in, keyValid, tf.constant(SEED), 0.1, true);
      float[] values = run(g, context);
      float[] gradient = GraphChecks.gradients(g, tf, context, constant(tf, gaussian(random,
          BATCH * STEPS * HEADS * 2), BATCH, STEPS, HEADS, 2), List.of(in)).get(0);
      int perPosition = HEADS * 2;
      for (int j = 0; j < blind * perPosition; j++) {
        assertThat(values[j]).as("context of a blind query").isZero();
      }
      assertThat(values).as("contexts").doesNotContain(Float.NaN);
      assertThat(gradient).as("gradient").doesNotContain(Float.NaN);
      // position 3 sees itself: a context of its own value
      assertThat(values[blind * perPosition]).isNotZero();
      // a blind query's own q gets no gradient (nothing it scored was read)
      int qkvPerPosition = 3 * HEADS * 2;
      for (int j = 0; j < HEADS * 2; j++) {
        assertThat(gradient[j]).as("d q at position 0").isZero();
      }
      assertThat(gradient.length).isEqualTo(BATCH * STEPS * qkvPerPosition);
    }
  }

  /** Under the injected fault CAUSAL_MASK_LEAK the kernel lets a query see the next key, as the op graph does. */
  @Test
  void theInjectedCausalMaskLeakReachesTheKernel() {
    assumeTrue(NativeKernels.available());
    float[] qkv = qkv(new SplittableRandom(6), 2, 1.0);
    float[] changed = qkv.clone();
    // row 0, position 6, head 0's key
    changed[(6 * 3 + 1) * HEADS * 2] += 1f;
    float[] sealed = contextAtFive(qkv);
    assertThat(contextAtFive(changed)).as("without the fault").containsExactly(sealed);
    String before = System.setProperty(InjectedFault.PROPERTY, InjectedFault.CAUSAL_MASK_LEAK.key());
    try {
      assertThat(contextAtFive(changed)).as("with the fault").isNotEqualTo(contextAtFive(qkv));
    } finally {
      restore(InjectedFault.PROPERTY, before);
    }
  }

  /** Row 0, position 5, head 0's context. */
  private static float[] contextAtFive(float[] qkv) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      float[] context = run(g, kernel(tf, constant(tf, qkv, BATCH, STEPS, 3, HEADS, 2), 0.1, false));
      return new float[] {context[5 * HEADS * 2], context[5 * HEADS * 2 + 1]};
    }
  }

  /** A whole Transformer's logits with the kernel and with the op graph (no dropout when evaluating). */
  @Test
  void aTransformerComputesTheSameLogitsWithTheKernelAsWithTheOpGraph() {
    assumeTrue(NativeKernels.available());
    int[][] sequences = IncrementalDecodingTest.prompts(4, 9, 3);
    Map<String, String> config = Map.of("layers", "2", "ffn", "32", "queryChunk", "4");
    float[][][] kernel;
    try (GraphModel model = TestModels.create("transformer", config, 4)) {
      kernel = model.logits(sequences);
    }
    float[][][] opGraph;
    String before = System.setProperty(NativeKernels.PROPERTY, "false");
    try (GraphModel model = TestModels.create("transformer", config, 4)) {
      opGraph = model.logits(sequences);
    } finally {
      restore(NativeKernels.PROPERTY, before);
    }
    for (int r = 0; r < kernel.length; r++) {
      for (int t = 0; t < kernel[r].length; t++) {
        for (int v = 0; v < kernel[r][t].length; v++) {
          assertThat(kernel[r][t][v]).as("row %d, position %d, token %d", r, t, v)
              .isCloseTo(opGraph[r][t][v], Offset.offset(1e-5f));
        }
      }
    }
  }
}
