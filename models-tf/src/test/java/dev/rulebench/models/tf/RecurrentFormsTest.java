package dev.rulebench.models.tf;

import static dev.rulebench.models.tf.GraphChecks.assertAgree;
import static dev.rulebench.models.tf.GraphChecks.assertGradientsAgree;
import static dev.rulebench.models.tf.GraphChecks.constant;
import static dev.rulebench.models.tf.GraphChecks.gaussian;
import static dev.rulebench.models.tf.GraphChecks.run;
import static dev.rulebench.models.tf.GraphChecks.toDouble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rulebench.models.tf.GraphChecks.Input;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.layers.MlstmCell;
import dev.rulebench.models.tf.layers.SelectiveScan;
import dev.rulebench.models.tf.layers.SlstmCell;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The recurrences' forms agree: Mamba's selective scan as trained (the blocked op graph and the
 * native kernel, float32) against the sequential recurrence in double precision; the mLSTM's
 * parallel form (whole and chunkwise) against its recurrent step; the sLSTM's training forms (op
 * graph and native kernel) against its decoding step; over 257 steps, for ordinary inputs and for
 * extreme gate and decay values, without NaN or infinity. And the hand-written gradients (the
 * scan's and the sLSTM's, in both forms, the chunkwise mLSTM's products) equal TensorFlow's own
 * derivative of the op graph's forward pass.
 *
 * <p>The forward comparisons build the forward passes alone: training adds only an identity marker
 * for the hand-written gradient, whose equality with TensorFlow's derivative the gradient tests
 * check. "Agree" is {@link GraphChecks#assertAgree}: within 1e-4 of the reference's largest
 * magnitude, every value finite.
 */
class RecurrentFormsTest {

  private static final int STEPS = 257;

  // ---------------------------------------------------------------- Mamba's selective scan

  @Test
  void selectiveScanEqualsTheSequentialRecurrence() {
    SplittableRandom random = new SplittableRandom(1);
    // mamba.py's initial ranges: Δ in [1e-3, 0.1], A = −(1…N)
    // 20 channels: the kernel's backward pass recomputes states for 16 channels at a time
    checkScan(random, 3, 20, 4, () -> 1e-3 + 0.1 * random.nextDouble(), d -> -(d % 4 + 1));
  }

  @Test
  void selectiveScanSurvivesExtremeDecays() {
    SplittableRandom random = new SplittableRandom(2);
    // decays from 1 − 1e−8 (Δ·A ≈ −1e−8) to e^−4000 (exactly 0 in float32), mixed within a sequence
    checkScan(random, 2, 4, 3, () -> Math.pow(10, -8 + 10 * random.nextDouble()), d -> -Math.pow(10, d % 3 - 0.5));
  }

  private interface ChannelDecay {
    double of(int channelAndState);
  }

  /** Runs the trained form and compares it with a double-precision recurrence. */
  private static void checkScan(SplittableRandom random, int batch, int channels, int state, DoubleSupplier delta,
      ChannelDecay decay) {
    float[] d = new float[STEPS * batch * channels];
    float[] x = new float[d.length];
    float[] b = new float[STEPS * batch * state];
    float[] c = new float[b.length];
    float[] a = new float[channels * state];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) delta.getAsDouble();
      x[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextGaussian();
      c[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) decay.of(i);
    }
    double[] expected = new double[d.length];
    for (int r = 0; r < batch; r++) {
      double[] h = new double[channels * state];
      for (int t = 0; t < STEPS; t++) {
        for (int ch = 0; ch < channels; ch++) {
          int at = (t * batch + r) * channels + ch;
          double sum = 0;
          for (int n = 0; n < state; n++) {
            int bn = (t * batch + r) * state + n;
            int hn = ch * state + n;
            h[hn] = Math.exp((double) d[at] * a[hn]) * h[hn] + (double) d[at] * x[at] * b[bn];
            sum += h[hn] * c[bn];
          }
          expected[at] = sum;
        }
      }
    }
    for (boolean kernel : nativeForms()) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        List<Operand<TFloat32>> in = List.of(constant(tf, d, STEPS, batch, channels),
            constant(tf, x, STEPS, batch, channels), constant(tf, b, STEPS, batch, state),
            constant(tf, c, STEPS, batch, state), constant(tf, a, channels, state));
        assertAgree(kernel ? "selective scan, native kernel" : "selective scan, op graph",
            run(g, scan(tf, in, kernel, false)), expected);
      }
    }
  }

  /** The forms under test: the op graph, and the native kernel where it was built. */
  private static List<Boolean> nativeForms() {
    return NativeKernels.available() ? List.of(false, true) : List.of(false);
  }

  /** The scan of time-major inputs; the kernel takes and gives batch-major sequences. */
  private static Operand<TFloat32> scan(Ops tf, List<Operand<TFloat32>> in, boolean kernel, boolean handWritten) {
    if (kernel) {
      return SelectiveScan.swapFirstAxes(tf, SelectiveScan.kernel(tf, SelectiveScan.swapFirstAxes(tf, in.get(0)),
          SelectiveScan.swapFirstAxes(tf, in.get(1)), SelectiveScan.swapFirstAxes(tf, in.get(2)),
          SelectiveScan.swapFirstAxes(tf, in.get(3)), in.get(4), handWritten));
    }
    return SelectiveScan.opGraph(tf, in.get(0), in.get(1), in.get(2), in.get(3), in.get(4),
        (int) in.get(0).shape().get(0), handWritten);
  }

  @Test
  void selectiveScanGradientEqualsAutomaticDifferentiation() {
    SplittableRandom random = new SplittableRandom(3);
    int steps = 37; // three blocks of the op graph, the last one short
    int batch = 2;
    int channels = 70; // one full group of the kernel's backward pass (64 channels) and a short one
    int state = 4;
    float[] d = randomArray(random, steps * batch * channels, 0.01, 0.5);
    float[] x = gaussian(random, steps * batch * channels);
    float[] b = gaussian(random, steps * batch * state);
    float[] c = gaussian(random, steps * batch * state);
    float[] a = randomArray(random, channels * state, -3, -0.1);
    float[] w = gaussian(random, steps * batch * channels);
    List<Input> inputs = List.of(new Input("Δ", d, steps, batch, channels),
        new Input("x", x, steps, batch, channels), new Input("B", b, steps, batch, state),
        new Input("C", c, steps, batch, state), new Input("A", a, channels, state));
    // each form's hand-written gradient against TensorFlow's derivative of the op graph's forward pass
    for (boolean kernel : nativeForms()) {
      assertGradientsAgree(kernel ? "scan, native kernel" : "scan, op graph", inputs, w,
          new long[] {steps, batch, channels}, (tf, in, handWritten) -> scan(tf, in, kernel && handWritten,
              handWritten));
    }
  }

  /**
   * The gated scan (Mamba's mixer: softplus step sizes, skip term, gate) as one kernel against the
   * same ops around the scan's op graph: values, gradients of all eight inputs against TensorFlow's
   * derivative of the ops, and central differences; with raw step sizes from −30 to 30, where
   * softplus is e^v and v. A state of 16 takes the kernel's loops specialised for the paper's
   * d_state.
   */
  @ParameterizedTest(name = "state {0}")
  @ValueSource(ints = {4, 16})
  void gatedScanKernelEqualsItsOps(int state) {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(12);
    int steps = 37;
    int batch = 2;
    int channels = 70; // a full group of the backward pass and a short one
    float[] raw = randomArray(random, batch * steps * channels, -4, 1);
    raw[3] = -30;
    raw[4] = 30;
    List<Input> inputs = List.of(new Input("raw Δ", raw, batch, steps, channels),
        new Input("x", gaussian(random, batch * steps * channels), batch, steps, channels),
        new Input("B", gaussian(random, batch * steps * state), batch, steps, state),
        new Input("C", gaussian(random, batch * steps * state), batch, steps, state),
        new Input("A", randomArray(random, channels * state, -3, -0.1), channels, state),
        new Input("dt bias", randomArray(random, channels, -2, 0), channels),
        new Input("skip", gaussian(random, channels), channels),
        new Input("z", gaussian(random, batch * steps * channels), batch, steps, channels));
    float[] w = gaussian(random, batch * steps * channels);
    long[] shape = {batch, steps, channels};
    GraphChecks.Forward gated = (tf, in, kernel) -> kernel
        ? SelectiveScan.gatedKernel(tf, in.get(0), in.get(5), in.get(1), in.get(2), in.get(3), in.get(4), in.get(6),
            in.get(7), true)
        : SelectiveScan.gatedOpGraph(tf, in.get(0), in.get(5), in.get(1), in.get(2), in.get(3), in.get(4),
            in.get(6), in.get(7), steps, false);
    float[][] outputs = new float[2][];
    for (int form = 0; form < 2; form++) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        List<Operand<TFloat32>> in = new ArrayList<>();
        inputs.forEach(input -> in.add(constant(tf, input.values(), input.shape())));
        outputs[form] = run(g, gated.build(tf, in, form == 1));
      }
    }
    assertAgree("gated scan, kernel against ops", outputs[1], toDouble(outputs[0]));
    assertGradientsAgree("gated scan, native kernel", inputs, w, shape, gated);
    if (state == 4) {
      // at 16 states the outputs are larger and the float forward pass's rounding, divided by the
      // step, exceeds the tolerance (3e-3 measured; the op graph's own forward pass misses it by as
      // much); TensorFlow's derivative above checks that case
      GraphChecks.assertCentralDifferences("gated scan, native kernel", inputs, w, shape, gated, 1e-2, 2e-3);
    }
  }

  // ---------------------------------------------------------------- mLSTM

  @Test
  void mlstmParallelFormEqualsTheRecurrence() {
    SplittableRandom random = new SplittableRandom(4);
    checkMlstm(random, () -> random.nextGaussian(), () -> 3 + 3 * random.nextDouble(), false);
  }

  @Test
  void mlstmSurvivesExtremeGates() {
    SplittableRandom random = new SplittableRandom(5);
    // input gates up to e^±60, forget gates from σ(−40) (forgets at once) to σ(40) (never forgets);
    // with positive queries and keys, so that the normaliser |qᵀn| is a sum without cancellation (a
    // normaliser near 0 makes h ill-conditioned in any form, which is the model's, not the scan's)
    checkMlstm(random, () -> 120 * random.nextDouble() - 60, () -> 80 * random.nextDouble() - 40, true);
  }

  private static void checkMlstm(SplittableRandom random, DoubleSupplier inputGate, DoubleSupplier forgetGate,
      boolean positiveKeys) {
    int batch = 2;
    int heads = 2;
    int width = 4;
    float[] q = gaussian(random, batch * heads * STEPS * width);
    float[] k = gaussian(random, q.length);
    float[] v = gaussian(random, q.length);
    if (positiveKeys) {
      for (int j = 0; j < q.length; j++) {
        q[j] = Math.abs(q[j]);
        k[j] = Math.abs(k[j]);
      }
    }
    float[] i = new float[batch * heads * STEPS];
    float[] f = new float[i.length];
    for (int j = 0; j < i.length; j++) {
      i[j] = (float) inputGate.getAsDouble();
      f[j] = (float) forgetGate.getAsDouble();
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> qs = constant(tf, q, batch, heads, STEPS, width);
      Operand<TFloat32> ks = constant(tf, k, batch, heads, STEPS, width);
      Operand<TFloat32> vs = constant(tf, v, batch, heads, STEPS, width);
      Operand<TFloat32> is = constant(tf, i, batch, heads, STEPS);
      Operand<TFloat32> fs = constant(tf, f, batch, heads, STEPS);
      Operand<TFloat32> parallel = MlstmCell.parallel(tf, qs, ks, vs, is, fs, width);
      // the recurrence, one step per position: [S, B, H, d] slices
      List<Operand<TFloat32>> hs = new ArrayList<>();
      MlstmCell.State state = new MlstmCell.State(zeros(tf, batch, heads, width, width), zeros(tf, batch, heads, width),
          zeros(tf, batch, heads));
      for (int t = 0; t < STEPS; t++) {
        Operand<TBool> first = tf.constant(t == 0);
        MlstmCell.Step step = MlstmCell.step(tf, state, position(tf, qs, t), position(tf, ks, t),
            position(tf, vs, t), position(tf, is, t), position(tf, fs, t), first, width);
        hs.add(step.h());
        state = step.state();
      }
      Operand<TFloat32> recurrent = tf.linalg.transpose(tf.stack(hs), tf.constant(new int[] {1, 2, 0, 3}));
      double[] r = toDouble(run(g, recurrent));
      assertAgree("mLSTM parallel vs recurrent", run(g, parallel), r);
      if (NativeKernels.available()) {
        assertAgree("mLSTM native kernel vs recurrent", run(g, mlstmKernel(tf, qs, ks, vs, is, fs, false)), r);
      }
      // the chunked parallel form (chunks of 29 over 257 positions) and an uneven cut
      for (int chunk : new int[] {32, 50}) {
        assertAgree("mLSTM chunkwise (" + chunk + ") vs recurrent",
            run(g, MlstmCell.chunkwise(tf, qs, ks, vs, is, fs, width, STEPS, chunk, false)), r);
      }
    }
  }

  @Test
  void mlstmChunkwiseGradientEqualsAutomaticDifferentiation() {
    // as trained: the chunkwise form's products carry the hand-written gradient of BatchProducts
    SplittableRandom random = new SplittableRandom(9);
    int batch = 2;
    int heads = 2;
    int width = 4;
    int steps = 37;
    float[] qkv = gaussian(random, 3 * batch * heads * steps * width);
    float[] gates = gaussian(random, 2 * batch * heads * steps);
    float[] w = gaussian(random, batch * heads * steps * width);
    assertGradientsAgree("mLSTM chunkwise", List.of(new Input("q, k, v", qkv, 3, batch, heads, steps, width),
        new Input("the gates", gates, 2, batch, heads, steps)), w, new long[] {batch, heads, steps, width},
        (tf, in, handWritten) -> {
          List<Operand<TFloat32>> parts = new ArrayList<>();
          tf.unstack(in.get(0), 3L).forEach(parts::add);
          List<Operand<TFloat32>> gate = new ArrayList<>();
          tf.unstack(in.get(1), 2L).forEach(gate::add);
          return MlstmCell.chunkwise(tf, parts.get(0), parts.get(1), parts.get(2), gate.get(0), gate.get(1), width,
              steps, 16, handWritten);
        });
  }

  /**
   * The native kernel's gradient (its adjoint recurrence) against TensorFlow's derivative of the
   * chunkwise op graph and against central differences; for ordinary gates, and for wide ones where
   * the normaliser's lower bound exp(−m) often wins (so the gradient flows through the stabiliser m).
   */
  @ParameterizedTest(name = "{0} gates, heads of width {1}")
  @CsvSource({"ordinary, 4", "wide, 4", "ordinary, 20", "ordinary, 32"})
  void mlstmKernelGradientEqualsTheOpGraphsAndCentralDifferences(String gates, int width) {
    // the kernel works in blocks of 16 channels: widths 4 and 20 are padded to one and two blocks, 32 is two
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(gates.equals("wide") ? 12 : 10 + width);
    int batch = 2;
    int heads = 2;
    int steps = 37;
    float[] qkv = gaussian(random, 3 * batch * heads * steps * width);
    float[] gateValues = new float[2 * batch * heads * steps];
    for (int j = 0; j < gateValues.length; j++) {
      boolean input = j < gateValues.length / 2;
      gateValues[j] = (float) (gates.equals("wide") ? (input ? -9 + 10 * random.nextDouble()
          : -3 + 8 * random.nextDouble()) : random.nextGaussian());
    }
    float[] w = gaussian(random, batch * heads * steps * width);
    List<Input> inputs = List.of(new Input("q, k, v", qkv, 3, batch, heads, steps, width),
        new Input("the gates", gateValues, 2, batch, heads, steps));
    GraphChecks.Forward mlstm = (tf, in, kernel) -> {
      List<Operand<TFloat32>> parts = new ArrayList<>();
      tf.unstack(in.get(0), 3L).forEach(parts::add);
      List<Operand<TFloat32>> gate = new ArrayList<>();
      tf.unstack(in.get(1), 2L).forEach(gate::add);
      return kernel ? mlstmKernel(tf, parts.get(0), parts.get(1), parts.get(2), gate.get(0), gate.get(1), true)
          : MlstmCell.chunkwise(tf, parts.get(0), parts.get(1), parts.get(2), gate.get(0), gate.get(1), width, steps,
              16, false);
    };
    long[] outputShape = {batch, heads, steps, width};
    assertGradientsAgree("mLSTM native kernel", inputs, w, outputShape, mlstm);
    // central differences need a smooth, well-conditioned function: positive queries and keys keep
    // qᵀn away from 0, where |qᵀn| has its kink and h = Cᵀq / |qᵀn| grows without bound
    float[] positive = qkv.clone();
    for (int j = 0; j < 2 * qkv.length / 3; j++) {
      positive[j] = Math.abs(positive[j]);
    }
    GraphChecks.assertCentralDifferences("mLSTM native kernel", List.of(new Input("q, k, v", positive, 3, batch,
        heads, steps, width), inputs.get(1)), w, outputShape, mlstm, 1e-2, 2e-3);
  }

  /** The kernel on this class's heads-first {@code [B, H, S, d]} (it takes positions first). */
  private static Operand<TFloat32> mlstmKernel(Ops tf, Operand<TFloat32> q, Operand<TFloat32> k,
      Operand<TFloat32> v, Operand<TFloat32> inputGate, Operand<TFloat32> forgetGate, boolean handWritten) {
    return MlstmCell.swapHeadsAndPositions(tf, MlstmCell.kernel(tf, MlstmCell.swapHeadsAndPositions(tf, q),
        MlstmCell.swapHeadsAndPositions(tf, k), MlstmCell.swapHeadsAndPositions(tf, v),
        MlstmCell.swapHeadsAndPositions(tf, inputGate), MlstmCell.swapHeadsAndPositions(tf, forgetGate),
        handWritten));
  }

  // ---------------------------------------------------------------- sLSTM

  @Test
  void slstmTrainingFormEqualsTheDecodingStep() {
    SplittableRandom random = new SplittableRandom(6);
    checkSlstm(random, 1.0);
  }

  @Test
  void slstmSurvivesExtremeGates() {
    SplittableRandom random = new SplittableRandom(7);
    checkSlstm(random, 40.0);
  }

  /** Gate pre-activations of scale {@code scale} (×40: exp(±160) without stabilisation). */
  private static void checkSlstm(SplittableRandom random, double scale) {
    int batch = 3;
    int width = 4;
    float[] inputs = new float[STEPS * batch * 4 * width];
    for (int j = 0; j < inputs.length; j++) {
      inputs[j] = (float) (scale * random.nextGaussian());
    }
    float[] r = gaussian(random, width * 4 * width);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = constant(tf, inputs, STEPS, batch, 4 * width);
      Operand<TFloat32> recurrent = tf.math.mul(constant(tf, r, width, 4 * width), tf.constant(0.3f));
      List<Operand<TFloat32>> hs = new ArrayList<>();
      SlstmCell.State state = new SlstmCell.State(zeros(tf, batch, width), zeros(tf, batch, width),
          zeros(tf, batch, width), zeros(tf, batch, width));
      for (int t = 0; t < STEPS; t++) {
        state = SlstmCell.step(tf, state, tf.gather(x, tf.constant(t), tf.constant(0)), recurrent,
            tf.constant(t == 0));
        hs.add(state.h());
      }
      double[] stepByStep = toDouble(run(g, tf.stack(hs)));
      for (boolean kernel : nativeForms()) {
        assertAgree(kernel ? "sLSTM native kernel vs step" : "sLSTM op graph vs step",
            run(g, slstm(tf, x, recurrent, kernel, false)), stepByStep);
      }
    }
  }

  /** The sLSTM of time-major inputs; the kernel takes and gives batch-major sequences. */
  private static Operand<TFloat32> slstm(Ops tf, Operand<TFloat32> inputs, Operand<TFloat32> recurrent,
      boolean kernel, boolean handWritten) {
    if (kernel) {
      return SelectiveScan.swapFirstAxes(tf, SlstmCell.kernel(tf, SelectiveScan.swapFirstAxes(tf, inputs),
          recurrent, handWritten));
    }
    return SlstmCell.opGraph(tf, inputs, recurrent, (int) inputs.shape().get(0), handWritten);
  }

  @Test
  void slstmGradientEqualsAutomaticDifferentiation() {
    SplittableRandom random = new SplittableRandom(8);
    int steps = 23;
    int batch = 2;
    int width = 4;
    float[] inputs = gaussian(random, steps * batch * 4 * width);
    float[] r = gaussian(random, width * 4 * width);
    float[] w = gaussian(random, steps * batch * width);
    // each form's hand-written gradient against TensorFlow's derivative of the op graph's forward pass
    for (boolean kernel : nativeForms()) {
      assertGradientsAgree(kernel ? "sLSTM, native kernel" : "sLSTM, op graph",
          List.of(new Input("the inputs", inputs, steps, batch, 4 * width), new Input("R", r, width, 4 * width)), w,
          new long[] {steps, batch, width},
          (tf, in, handWritten) -> slstm(tf, in.get(0), in.get(1), kernel && handWritten, handWritten));
    }
  }

  // ---------------------------------------------------------------- helpers


  /** Position t of {@code [B, H, S, …]}. */
  private static Operand<TFloat32> position(Ops tf, Operand<TFloat32> x, int t) {
    return tf.gather(x, tf.constant(t), tf.constant(2));
  }

  private static Operand<TFloat32> zeros(Ops tf, long... shape) {
    return tf.fill(tf.constant(shape), tf.constant(0f));
  }






  private static float[] randomArray(SplittableRandom random, int size, double low, double high) {
    float[] values = new float[size];
    for (int j = 0; j < size; j++) {
      values[j] = (float) (low + (high - low) * random.nextDouble());
    }
    return values;
  }
}
