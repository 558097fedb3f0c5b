package dev.rulebench.models.tf;

import static dev.rulebench.models.tf.GraphChecks.assertAgree;
import static dev.rulebench.models.tf.GraphChecks.assertGradientsAgree;
import static dev.rulebench.models.tf.GraphChecks.constant;
import static dev.rulebench.models.tf.GraphChecks.gaussian;
import static dev.rulebench.models.tf.GraphChecks.gradients;
import static dev.rulebench.models.tf.GraphChecks.run;
import static dev.rulebench.models.tf.GraphChecks.toDouble;
import static dev.rulebench.models.tf.SystemProperties.restore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.builtin.ANbN;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelArchitectures;
import dev.rulebench.models.tf.GraphChecks.Input;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.layers.CausalConv;
import dev.rulebench.models.tf.layers.HeadwiseLinear;
import dev.rulebench.models.tf.layers.MlstmCell;
import dev.rulebench.models.tf.layers.SelectiveScan;
import dev.rulebench.models.tf.layers.SlstmCell;
import dev.rulebench.models.tf.layers.Silu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RuleBench's native TensorFlow kernels: built and loaded where the build can compile them, chosen
 * by the layers unless turned off, independent of their thread count, and failing bad input with a
 * clear error; the causal convolution's kernel and gradient equal TensorFlow's depthwise
 * convolution. That the selective-scan kernel computes the scan and its gradient is {@link
 * RecurrentFormsTest}'s part.
 */
class NativeKernelsTest {

  private static final int STEPS = 23;
  private static final int BATCH = 5;
  private static final int CHANNELS = 18;
  private static final int STATE = 4;

  @Test
  void whereTheBuildHasGccTheKernelsAreShippedAndLoad() {
    // the native-kernels profile's activation: Linux x86-64 with /usr/bin/gcc
    assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
        && System.getProperty("os.arch").equals("amd64") && Files.exists(Path.of("/usr/bin/gcc")));
    assertThat(NativeKernels.available()).as(NativeKernels.status()).isTrue();
    assertThat(NativeKernels.status()).startsWith("native kernels");
  }

  @Test
  void theScanUsesTheKernelUnlessItIsTurnedOff() {
    assumeTrue(NativeKernels.available());
    assertThat(scanOpTypes()).contains(NativeKernels.GATED_SCAN).doesNotContain("Exp", "Softplus", "Sigmoid");
    String before = System.setProperty(NativeKernels.PROPERTY, "false");
    try {
      assertThat(NativeKernels.status()).contains("turned off");
      assertThat(scanOpTypes()).contains("Exp", "Softplus", "Sigmoid").doesNotContain(NativeKernels.GATED_SCAN);
    } finally {
      restore(NativeKernels.PROPERTY, before);
    }
  }

  @Test
  void resultsRecordWhenAModelRunsTheKernels() {
    assumeTrue(NativeKernels.available());
    try (GraphModel mamba = TestModels.create("mamba", Map.of(), 1);
        GraphModel linear = TestModels.create("linear", Map.of(), 1)) {
      assertThat(mamba.info().backend()).startsWith("TensorFlow 2.18").endsWith(" + RuleBench native kernels");
      assertThat(linear.info().backend()).doesNotContain("RuleBench");
    }
  }

  @Test
  void aRunsCacheKeyTellsTheKernelsFromTheOpGraphs() {
    assumeTrue(NativeKernels.available());
    Language language = new ANbN();
    ModelArchitecture xlstm = ModelArchitectures.load().get("xlstm");
    ModelArchitecture mamba = ModelArchitectures.load().get("mamba");
    ModelArchitecture transformer = ModelArchitectures.load().get("transformer");
    ModelArchitecture lstm = ModelArchitectures.load().get("lstm");
    Map<String, String> none = Map.of();
    Trial withKernel = Trial.at("suite", language, xlstm, none, none, Scale.SMOKE, 1, "cpu");
    Trial mambaWithKernels = Trial.at("suite", language, mamba, none, none, Scale.SMOKE, 1, "cpu");
    Trial transformerWithKernels = Trial.at("suite", language, transformer, none, none, Scale.SMOKE, 1, "cpu");
    Trial lstmBefore = Trial.at("suite", language, lstm, none, none, Scale.SMOKE, 1, "cpu");
    // the LSTM (whose kernel gives the op graph's bits) keeps the key it had before computations were named
    assertThat(lstmBefore.computation()).isEmpty();
    assertThat(mambaWithKernels.computation()).isEqualTo("gated scan as one kernel, conv with SiLU as one kernel");
    assertThat(withKernel.computation())
        .isEqualTo("mLSTM as a recurrent kernel, norms and conv with SiLU as kernels");
    assertThat(transformerWithKernels.computation()).isEqualTo("attention as a fused kernel");
    String before = System.setProperty(NativeKernels.PROPERTY, "false");
    try {
      Trial withOpGraphs = Trial.at("suite", language, xlstm, none, none, Scale.SMOKE, 1, "cpu");
      assertThat(withOpGraphs.computation()).isEqualTo("op graphs");
      assertThat(withOpGraphs.cacheKey()).isNotEqualTo(withKernel.cacheKey());
      assertThat(withOpGraphs.configHash()).isEqualTo(withKernel.configHash());
      assertThat(Trial.at("suite", language, mamba, none, none, Scale.SMOKE, 1, "cpu").cacheKey())
          .isNotEqualTo(mambaWithKernels.cacheKey());
      assertThat(Trial.at("suite", language, transformer, none, none, Scale.SMOKE, 1, "cpu").cacheKey())
          .isNotEqualTo(transformerWithKernels.cacheKey());
      assertThat(Trial.at("suite", language, lstm, none, none, Scale.SMOKE, 1, "cpu").cacheKey())
          .isEqualTo(lstmBefore.cacheKey());
    } finally {
      restore(NativeKernels.PROPERTY, before);
    }
  }

  @Test
  void aGraphPlacedOnTheGpuKeepsItsOpGraphs() {
    assumeTrue(NativeKernels.available());
    try (Graph g = new Graph()) {
      // the gpu device plan's placement (DevicePlan.place); building needs no GPU
      Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0)
          .build());
      assertThat(NativeKernels.availableFor(tf)).isFalse();
      gatedScan(tf, inputs(tf, new SplittableRandom(8)), new SplittableRandom(8));
      List<String> types = new ArrayList<>();
      g.operations().forEachRemaining(op -> types.add(op.type()));
      assertThat(types).contains("Exp", "Softplus").doesNotContain(NativeKernels.GATED_SCAN);
    }
  }

  @Test
  void theKernelsResultsDoNotDependOnTheirThreads() {
    assumeTrue(NativeKernels.available());
    GraphChecks.assertSameBitsOnOneAndThreeThreads(NativeKernelsTest::forwardAndGradients);
  }

  @Test
  void theCausalConvolutionKernelEqualsTheDepthwiseConvolution() {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(4);
    int taps = 4;
    float[] x = gaussian(random, BATCH * STEPS * CHANNELS);
    float[] w = gaussian(random, taps * CHANNELS);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = constant(tf, x, BATCH, STEPS, CHANNELS);
      Operand<TFloat32> filter = constant(tf, w, taps, CHANNELS);
      assertAgree("causal convolution", run(g, CausalConv.kernel(tf, in, filter)),
          toDouble(run(g, CausalConv.opGraph(tf, in, filter))));
    }
    // the kernel's gradient (its own op) against TensorFlow's derivative of the depthwise convolution
    assertGradientsAgree("causal convolution", List.of(new Input("x", x, BATCH, STEPS, CHANNELS),
        new Input("w", w, taps, CHANNELS)), gaussian(random, x.length), new long[] {BATCH, STEPS, CHANNELS},
        (tf, in, kernel) -> kernel ? CausalConv.kernel(tf, in.get(0), in.get(1))
            : CausalConv.opGraph(tf, in.get(0), in.get(1)));
  }

  @Test
  void theConvolutionWithSiluKernelEqualsItsOps() {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(12);
    int taps = 4;
    List<Input> inputs = List.of(new Input("x", gaussian(random, BATCH * STEPS * CHANNELS), BATCH, STEPS, CHANNELS),
        new Input("w", gaussian(random, taps * CHANNELS), taps, CHANNELS),
        new Input("b", gaussian(random, CHANNELS), CHANNELS));
    GraphChecks.Forward convolved = (tf, in, kernel) -> kernel ? CausalConv.siluKernel(tf, in.get(0), in.get(1),
        in.get(2), true) : Silu.apply(tf, tf.math.add(CausalConv.opGraph(tf, in.get(0), in.get(1)), in.get(2)));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> in = new ArrayList<>();
      inputs.forEach(input -> in.add(constant(tf, input.values(), input.shape())));
      assertAgree("convolution with SiLU", run(g, CausalConv.siluKernel(tf, in.get(0), in.get(1), in.get(2), false)),
          toDouble(run(g, convolved.build(tf, in, false))));
    }
    long[] shape = {BATCH, STEPS, CHANNELS};
    float[] w = gaussian(random, BATCH * STEPS * CHANNELS);
    assertGradientsAgree("convolution with SiLU", inputs, w, shape, convolved);
    GraphChecks.assertCentralDifferences("convolution with SiLU", inputs, w, shape, convolved, 1e-2, 2e-3);
  }

  /**
   * Heads of 4 channels take the kernel's own loops for them, heads of 16 those for multiples of 16,
   * other widths the general ones.
   */
  @ParameterizedTest(name = "heads of {0}")
  @ValueSource(ints = {3, 4, 16})
  void theHeadwiseLinearKernelEqualsTheBlockDiagonalProduct(int width) {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(5);
    int rows = 600; // the kernel sums the weights' gradient over blocks of 256 rows: two and a short one
    int heads = 5;
    float[] x = gaussian(random, rows * heads * width);
    float[] w = gaussian(random, heads * width * width);
    assertGradientsAgree("headwise linear", List.of(new Input("x", x, rows, heads * width),
        new Input("w", w, heads, width, width)), gaussian(random, x.length), new long[] {rows, heads * width},
        (tf, in, kernel) -> kernel ? HeadwiseLinear.kernel(tf, in.get(0), in.get(1))
            : tf.linalg.matMul(in.get(0), HeadwiseLinear.blockDiagonal(tf, in.get(1), heads, heads * width,
                heads * width)));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = constant(tf, x, rows, heads * width);
      Operand<TFloat32> weights = constant(tf, w, heads, width, width);
      assertAgree("headwise linear", run(g, HeadwiseLinear.kernel(tf, in, weights)), toDouble(run(g,
          tf.linalg.matMul(in, HeadwiseLinear.blockDiagonal(tf, weights, heads, heads * width, heads * width)))));
    }
  }

  @Test
  void theMlstmStepKernelEqualsItsOpGraph() {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(6);
    int rows = 3;
    int heads = 2;
    int width = 5;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> c = constant(tf, gaussian(random, rows * heads * width * width), rows, heads, width, width);
      Operand<TFloat32> k = constant(tf, gaussian(random, rows * heads * width), rows, heads, width);
      Operand<TFloat32> v = constant(tf, gaussian(random, rows * heads * width), rows, heads, width);
      Operand<TFloat32> q = constant(tf, gaussian(random, rows * heads * width), rows, heads, width);
      Operand<TFloat32> f = tf.math.sigmoid(constant(tf, gaussian(random, rows * heads), rows, heads));
      MlstmCell.Memory kernel = MlstmCell.memoryKernel(tf, c, k, v, q, f);
      MlstmCell.Memory ops = MlstmCell.memoryOpGraph(tf, c, k, v, q, f);
      assertAgree("mLSTM step memories", run(g, kernel.c()), toDouble(run(g, ops.c())));
      assertAgree("mLSTM step read-out", run(g, kernel.numerator()), toDouble(run(g, ops.numerator())));
    }
  }

  @Test
  void theScanStepKernelEqualsItsOpGraph() {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(7);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> in = inputs(tf, random); // [B, L, ·]: the first step of each row
      List<Operand<TFloat32>> first = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        first.add(tf.gather(in.get(i), tf.constant(0), tf.constant(1)));
      }
      Operand<TFloat32> state = constant(tf, gaussian(random, BATCH * CHANNELS * STATE), BATCH, CHANNELS, STATE);
      SelectiveScan.Step kernel = SelectiveScan.stepKernel(tf, state, first.get(0), first.get(1), first.get(2),
          first.get(3), in.get(4));
      SelectiveScan.Step ops = SelectiveScan.stepOpGraph(tf, state, first.get(0), first.get(1), first.get(2),
          first.get(3), in.get(4));
      assertAgree("scan step state", run(g, kernel.state()), toDouble(run(g, ops.state())));
      assertAgree("scan step output", run(g, kernel.output()), toDouble(run(g, ops.output())));
    }
  }

  @Test
  void nanInAnInputReachesTheOutput() {
    // so that a diverged model's loss turns NaN and the trainer stops the run, as with the op graphs
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(9);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> in = inputs(tf, random);
      float[] a = new float[CHANNELS * STATE];
      java.util.Arrays.fill(a, -1f);
      a[5] = Float.NaN;
      Operand<TFloat32> y = SelectiveScan.kernel(tf, in.get(0), in.get(1), in.get(2), in.get(3),
          constant(tf, a, CHANNELS, STATE), false);
      float[] gateValues = gaussian(random, BATCH * STEPS * 12);
      gateValues[12 * 3 + 5] = Float.NaN; // the first row's third step, the forget gate of unit 1
      Operand<TFloat32> h = SlstmCell.kernel(tf, constant(tf, gateValues, BATCH, STEPS, 12),
          constant(tf, gaussian(random, 3 * 12), 3, 12), false);
      float[] forget = gaussian(random, BATCH * STEPS * 2);
      forget[3 * 2 + 1] = Float.NaN; // the first row's fourth step, its second head
      List<Operand<TFloat32>> mlstmInputs = new ArrayList<>(mlstmInputs(tf, random, 4));
      mlstmInputs.set(4, constant(tf, forget, BATCH, STEPS, 2));
      float[] z = gaussian(random, BATCH * STEPS * CHANNELS);
      z[7] = Float.NaN;  // the first row's first step, channel 7: its gate
      Operand<TFloat32> gated = SelectiveScan.gatedKernel(tf, in.get(0), constant(tf, gaussian(random, CHANNELS),
          CHANNELS), in.get(1), in.get(2), in.get(3), constant(tf, a, CHANNELS, STATE), constant(tf,
          gaussian(random, CHANNELS), CHANNELS), constant(tf, z, BATCH, STEPS, CHANNELS), false);
      assertThat(run(g, y)).as("scan").contains(Float.NaN);
      assertThat(run(g, gated)[7]).as("gated scan").isNaN();
      assertThat(run(g, mlstm(tf, mlstmInputs))).as("mLSTM").contains(Float.NaN);
      assertThat(run(g, h)).as("sLSTM").contains(Float.NaN);
    }
  }

  @Test
  void shapesThatDisagreeFailWithAClearError() {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(1);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> in = inputs(tf, random);
      // A with one channel too few
      Operand<TFloat32> a = constant(tf, gaussian(random, (CHANNELS - 1) * STATE), CHANNELS - 1, STATE);
      Operand<TFloat32> y = SelectiveScan.kernel(tf, in.get(0), in.get(1), in.get(2), in.get(3), a, false);
      assertThatThrownBy(() -> run(g, y)).isInstanceOf(TFInvalidArgumentException.class)
          .hasMessageContaining("RuleBenchSelectiveScan: shapes disagree");
      // the gated scan's skip weights one channel short
      List<Operand<TFloat32>> gate = gateInputs(tf, random);
      Operand<TFloat32> gated = SelectiveScan.gatedKernel(tf, in.get(0), gate.get(0), in.get(1), in.get(2),
          in.get(3), in.get(4), constant(tf, gaussian(random, CHANNELS - 1), CHANNELS - 1), gate.get(2), false);
      assertThatThrownBy(() -> run(g, gated)).isInstanceOf(TFInvalidArgumentException.class)
          .hasMessageContaining("RuleBenchGatedScan: shapes disagree").hasMessageContaining("dt_bias, skip [D]");
      // the convolution's bias one channel short
      Operand<TFloat32> activated = CausalConv.siluKernel(tf, in.get(1), constant(tf, gaussian(random,
          4 * CHANNELS), 4, CHANNELS), constant(tf, gaussian(random, CHANNELS - 1), CHANNELS - 1), false);
      assertThatThrownBy(() -> run(g, activated)).isInstanceOf(TFInvalidArgumentException.class)
          .hasMessageContaining("RuleBenchCausalConvSilu: shapes disagree").hasMessageContaining("b [C]");
    }
  }

  /** The op types of a graph holding one gated scan, built as the model builds it. */
  private static List<String> scanOpTypes() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      gatedScan(tf, inputs(tf, new SplittableRandom(2)), new SplittableRandom(2));
      List<String> types = new ArrayList<>();
      g.operations().forEachRemaining(op -> types.add(op.type()));
      return types;
    }
  }

  /**
   * The scan's y and the gradients of Σ w·y for Δ, x, B, C and A, the same for the gated scan and its
   * other three inputs; the convolution's (alone and with its bias and SiLU), the headwise map's, the
   * sLSTM's and the mLSTM's outputs and their gradients.
   */
  private static List<float[]> forwardAndGradients() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      SplittableRandom random = new SplittableRandom(3);
      List<Operand<TFloat32>> in = inputs(tf, random);
      Operand<TFloat32> y = SelectiveScan.kernel(tf, in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), true);
      Operand<TFloat32> weights = constant(tf, gaussian(random, STEPS * BATCH * CHANNELS), BATCH, STEPS, CHANNELS);
      List<float[]> values = new ArrayList<>();
      values.add(run(g, y));
      values.addAll(gradients(g, tf, y, weights, in));
      List<Operand<TFloat32>> gate = gateInputs(tf, random);
      Operand<TFloat32> gated = SelectiveScan.gatedKernel(tf, in.get(0), gate.get(0), in.get(1), in.get(2), in.get(3),
          in.get(4), gate.get(1), gate.get(2), true);
      values.add(run(g, gated));
      List<Operand<TFloat32>> all = new ArrayList<>(in);
      all.addAll(gate);
      values.addAll(gradients(g, tf, gated, weights, all));
      Operand<TFloat32> filter = constant(tf, gaussian(random, 4 * CHANNELS), 4, CHANNELS);
      Operand<TFloat32> convolved = CausalConv.kernel(tf, in.get(1), filter);
      values.add(run(g, convolved));
      values.addAll(gradients(g, tf, convolved, weights, List.of(in.get(1), filter)));
      Operand<TFloat32> bias = constant(tf, gaussian(random, CHANNELS), CHANNELS);
      Operand<TFloat32> activated = CausalConv.siluKernel(tf, in.get(1), filter, bias, true);
      values.add(run(g, activated));
      values.addAll(gradients(g, tf, activated, weights, List.of(in.get(1), filter, bias)));
      // the headwise map on 700 rows (its weights' gradient summed over three blocks of 256 and a short
      // one): 3 heads of 6 (the general loops), 4 heads of 4 (the loops for heads of four) and 2 heads
      // of 16 (the loops for multiples of 16)
      for (int[] heads : new int[][] {{3, 6}, {4, 4}, {2, 16}}) {
        int width = heads[0] * heads[1];
        Operand<TFloat32> rows = constant(tf, gaussian(random, 700 * width), 700, width);
        Operand<TFloat32> headWeights = constant(tf, gaussian(random, heads[0] * heads[1] * heads[1]), heads[0],
            heads[1], heads[1]);
        Operand<TFloat32> mapped = HeadwiseLinear.kernel(tf, rows, headWeights);
        values.add(run(g, mapped));
        values.addAll(gradients(g, tf, mapped, constant(tf, gaussian(random, 700 * width), 700, width),
            List.of(rows, headWeights)));
      }
      // the sLSTM on gates of width 4·3 (12 of the 18 channels would not divide: a fresh input)
      Operand<TFloat32> gates = constant(tf, gaussian(random, BATCH * STEPS * 12), BATCH, STEPS, 12);
      Operand<TFloat32> recurrent = constant(tf, gaussian(random, 3 * 12), 3, 12);
      Operand<TFloat32> h = SlstmCell.kernel(tf, gates, recurrent, true);
      values.add(run(g, h));
      values.addAll(gradients(g, tf, h, constant(tf, gaussian(random, BATCH * STEPS * 3), BATCH, STEPS, 3),
          List.of(gates, recurrent)));
      // the mLSTM: rows of 2 heads of width 4 (padded to one block of 16 in the kernel) and of width 16
      for (int width : new int[] {4, 16}) {
        List<Operand<TFloat32>> mlstmInputs = mlstmInputs(tf, random, width);
        Operand<TFloat32> mh = mlstm(tf, mlstmInputs);
        values.add(run(g, mh));
        values.addAll(gradients(g, tf, mh, constant(tf, gaussian(random, BATCH * STEPS * 2 * width), BATCH, STEPS,
            2, width), mlstmInputs));
      }
      return values;
    }
  }

  /** q, k, v {@code [B, L, 2, width]} and the input and forget gates {@code [B, L, 2]}: 2 heads. */
  private static List<Operand<TFloat32>> mlstmInputs(Ops tf, SplittableRandom random, int width) {
    List<Operand<TFloat32>> in = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      in.add(constant(tf, gaussian(random, BATCH * STEPS * 2 * width), BATCH, STEPS, 2, width));
    }
    for (int i = 0; i < 2; i++) {
      in.add(constant(tf, gaussian(random, BATCH * STEPS * 2), BATCH, STEPS, 2));
    }
    return in;
  }

  private static Operand<TFloat32> mlstm(Ops tf, List<Operand<TFloat32>> in) {
    return MlstmCell.kernel(tf, in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), true);
  }

  /** The gated scan on {@link #inputs} (their Δ as the raw step sizes), as the model builds it. */
  private static Operand<TFloat32> gatedScan(Ops tf, List<Operand<TFloat32>> in, SplittableRandom random) {
    List<Operand<TFloat32>> gate = gateInputs(tf, random);
    return SelectiveScan.gated(tf, in.get(0), gate.get(0), in.get(1), in.get(2), in.get(3), in.get(4), gate.get(1),
        gate.get(2), STEPS, true);
  }

  /** The gated scan's own inputs: dt bias and skip {@code [D]}, z {@code [B, L, D]}. */
  private static List<Operand<TFloat32>> gateInputs(Ops tf, SplittableRandom random) {
    return List.of(constant(tf, gaussian(random, CHANNELS), CHANNELS), constant(tf, gaussian(random, CHANNELS),
        CHANNELS), constant(tf, gaussian(random, STEPS * BATCH * CHANNELS), BATCH, STEPS, CHANNELS));
  }

  private static List<Operand<TFloat32>> inputs(Ops tf, SplittableRandom random) {
    float[] delta = new float[STEPS * BATCH * CHANNELS];
    for (int i = 0; i < delta.length; i++) {
      delta[i] = (float) (0.001 + 0.2 * random.nextDouble());
    }
    float[] a = new float[CHANNELS * STATE];
    for (int i = 0; i < a.length; i++) {
      a[i] = -(i % STATE + 1);
    }
    return List.of(constant(tf, delta, BATCH, STEPS, CHANNELS),
        constant(tf, gaussian(random, delta.length), BATCH, STEPS, CHANNELS),
        constant(tf, gaussian(random, STEPS * BATCH * STATE), BATCH, STEPS, STATE),
        constant(tf, gaussian(random, STEPS * BATCH * STATE), BATCH, STEPS, STATE),
        constant(tf, a, CHANNELS, STATE));
  }
}
