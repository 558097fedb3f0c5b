package dev.rulebench.models.tf;

import static dev.rulebench.models.tf.SystemProperties.restore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.graph.SessionSettings;
import dev.rulebench.models.tf.graph.Tensors;
import dev.rulebench.models.tf.layers.Dropout;
import dev.rulebench.models.tf.layers.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Dropout drops at its rate, scales survivors by 1/(1−rate), and draws the same masks for the same
 * seed; zeroing without a kept mask has the gradient of multiplying by the mask wherever its
 * contract holds.
 */
class DropoutTest {

  private static final int SIZE = 200_003;

  @Test
  void dropsAtTheRateAndScalesSurvivors() {
    float[] out = run(0.1, 17);
    int dropped = 0;
    for (float v : out) {
      if (v == 0f) {
        dropped++;
      } else {
        assertThat(v).isCloseTo(1 / 0.9f, Offset.offset(1e-6f));
      }
    }
    // binomial(200003, 0.1): sd ≈ 134, so ±700 is over five standard deviations
    assertThat(dropped).isBetween(20_000 - 700, 20_000 + 700);
    assertThat(run(0.4, 17)).as("a higher rate drops more").satisfies(o -> {
      long zeros = 0;
      for (float v : o) {
        zeros += v == 0f ? 1 : 0;
      }
      assertThat(zeros).isBetween(80_000L - 1_200, 80_000L + 1_200);
    });
  }

  @Test
  void theSeedFixesTheMask() {
    assertThat(run(0.1, 5)).containsExactly(run(0.1, 5));
    assertThat(run(0.1, 5)).isNotEqualTo(run(0.1, 6));
  }

  private static float[] run(double rate, long seed) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TInt64> seedInput = tf.placeholder(TInt64.class);
      Operand<TFloat32> ones = tf.fill(tf.constant(new int[] {SIZE}), tf.constant(1f));
      Operand<TFloat32> dropped = Dropout.apply(tf, Mode.training(seedInput), ones, rate);
      try (Session session = new Session(graph); TInt64 s = Tensors.longs(new long[] {seed, 0}, 2);
          Result result = session.runner().feed(seedInput, s).fetch(dropped).run()) {
        return Tensors.toFloats((TFloat32) result.get(0));
      }
    }
  }

  /**
   * The native kernel's mask is the op graph's to the last entry: sizes around its 8-entry Philox
   * blocks and 16-block groups, seeds across the int64 range, thresholds at the ends of the 16-bit
   * range (65536 wraps to 0, as the op graph's cast does), one and three threads.
   */
  @ParameterizedTest(name = "{0} entries, seed ({1}, {2}), threshold {3}")
  @CsvSource({"1, 1, 2, 6554", "7, 0, 0, 6554", "9, 123456789012345, -987654321, 26214", "129, -1, 5, 32768",
      "1000, 42, -9223372036854775808, 0", "200003, 7, 7, 6554", "64, 3, 4, 65535", "17, 3, 4, 65536"})
  void theKernelsMaskIsTheOpGraphsBitForBit(int entries, long seed0, long seed1, int threshold) {
    assumeTrue(NativeKernels.available());
    boolean[] opGraph = mask(entries, seed0, seed1, threshold, false, 1);
    assertThat(mask(entries, seed0, seed1, threshold, true, 1)).containsExactly(opGraph);
    assertThat(mask(entries, seed0, seed1, threshold, true, 3)).containsExactly(opGraph);
  }

  private static boolean[] mask(int entries, long seed0, long seed1, int threshold, boolean kernel, int threads) {
    String before = System.setProperty(SessionSettings.INTRA_OP_THREADS, Integer.toString(threads));
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.zeros(tf.constant(new int[] {entries}), TFloat32.class);
      Operand<TInt64> seed = tf.constant(new long[] {seed0, seed1});
      Operand<TBool> keep = kernel ? Dropout.keepKernel(tf, x, seed, threshold)
          : Dropout.keepOpGraph(tf, x, seed, threshold);
      try (Result result = session.runner().fetch(keep).run()) {
        TBool values = (TBool) result.get(0);
        boolean[] out = new boolean[entries];
        for (int i = 0; i < entries; i++) {
          out[i] = values.getBoolean(i);
        }
        return out;
      }
    } finally {
      restore(SessionSettings.INTRA_OP_THREADS, before);
    }
  }

  /**
   * ReLU and dropout as one kernel give the op graph's bits, value and gradient: Gaussian inputs
   * with a NaN and zeros, sizes around Philox's 8-entry blocks, one and three threads.
   */
  @ParameterizedTest(name = "{0} entries on {1} threads")
  @CsvSource({"9, 1", "1000, 1", "200003, 3"})
  void reluDroppedByTheKernelIsTheOpGraphsBitForBit(int entries, int threads) {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(entries);
    float[] x = GraphChecks.gaussian(random, entries);
    x[entries / 2] = Float.NaN;
    x[entries / 3] = 0f;
    float[] w = GraphChecks.gaussian(random, entries);
    List<float[]> kernel = reluDropped(x, w, threads, true);
    List<float[]> opGraph = reluDropped(x, w, threads, false);
    assertThat(kernel.get(0)).as("values").containsExactly(opGraph.get(0));
    assertThat(kernel.get(1)).as("gradient").containsExactly(opGraph.get(1));
    assertThat(kernel.get(0)[entries / 2]).as("NaN is not positive: dropped").isZero();
  }

  /** {@link Dropout#reluDropped} of x at rate 0.1 and the gradient of Σ w·y, with the kernels on or off. */
  private static List<float[]> reluDropped(float[] x, float[] w, int threads, boolean kernel) {
    String threadsBefore = System.setProperty(SessionSettings.INTRA_OP_THREADS, Integer.toString(threads));
    String kernelsBefore = System.setProperty(NativeKernels.PROPERTY, Boolean.toString(kernel));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = GraphChecks.constant(tf, x, x.length);
      Operand<TFloat32> y = Dropout.reluDropped(tf, Mode.training(tf.constant(new long[] {11, 12})), in, 0.1);
      List<float[]> values = new ArrayList<>();
      values.add(GraphChecks.run(g, y));
      values.addAll(GraphChecks.gradients(g, tf, y, GraphChecks.constant(tf, w, w.length), List.of(in)));
      return values;
    } finally {
      restore(SessionSettings.INTRA_OP_THREADS, threadsBefore);
      restore(NativeKernels.PROPERTY, kernelsBefore);
    }
  }

  private static final long[] SHAPE = {2, 3, 50};

  @Test
  void zeroUnkeptReluInputsHasTheMaskProductsGradient() {
    SplittableRandom random = new SplittableRandom(3);
    float[] x = GraphChecks.gaussian(random, 300);
    float[] draws = uniform(random, 300);
    GraphChecks.assertGradientsAgree("ReLU inputs kept by dropout", List.of(new GraphChecks.Input("x", x, SHAPE)),
        GraphChecks.gaussian(random, 300), SHAPE, (tf, in, handWritten) -> {
          Operand<TBool> kept = tf.math.logicalAnd(tf.math.greater(in.get(0), tf.constant(0f)),
              tf.math.greater(GraphChecks.constant(tf, draws, SHAPE), tf.constant(0.1f)));
          return zeroKept(tf, kept, in.get(0), handWritten);
        });
  }

  @Test
  void zeroUnkeptSoftmaxWeightsHasTheMaskProductsGradientThroughTheSoftmax() {
    SplittableRandom random = new SplittableRandom(4);
    float[] scores = GraphChecks.gaussian(random, 300);
    for (int j = 0; j < scores.length; j += 3) {
      scores[j] = -1e9f;  // masked keys: weight exactly 0, yet often kept by the draw
    }
    float[] draws = uniform(random, 300);
    GraphChecks.assertGradientsAgree("softmax weights kept by dropout",
        List.of(new GraphChecks.Input("scores", scores, SHAPE)), GraphChecks.gaussian(random, 300), SHAPE,
        (tf, in, handWritten) -> zeroKept(tf, tf.math.greater(GraphChecks.constant(tf, draws, SHAPE),
            tf.constant(0.1f)), tf.nn.softmax(in.get(0)), handWritten));
  }

  @Test
  void outsideItsContractTheGradientDiffers() {
    // kept negative entries: the mask product passes their gradient, ReLU's gradient does not
    SplittableRandom random = new SplittableRandom(5);
    float[] x = GraphChecks.gaussian(random, 300);
    float[] w = GraphChecks.gaussian(random, 300);
    List<GraphChecks.Input> inputs = List.of(new GraphChecks.Input("x", x, SHAPE));
    assertThatThrownBy(() -> GraphChecks.assertGradientsAgree("all entries kept", inputs, w, SHAPE,
        (tf, in, handWritten) -> zeroKept(tf, tf.math.greaterEqual(in.get(0), tf.constant(-1e30f)), in.get(0),
            handWritten))).isInstanceOf(AssertionError.class);
  }

  private static Operand<TFloat32> zeroKept(Ops tf, Operand<TBool> kept, Operand<TFloat32> x, boolean handWritten) {
    return handWritten ? Dropout.zeroUnkept(tf, kept, x)
        : tf.math.mul(x, tf.select(kept, tf.constant(1f), tf.constant(0f)));
  }

  private static float[] uniform(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int j = 0; j < size; j++) {
      values[j] = (float) random.nextDouble();
    }
    return values;
  }
}
