package dev.rulebench.models.tf;

import static dev.rulebench.models.tf.GraphChecks.assertAgree;
import static dev.rulebench.models.tf.GraphChecks.assertGradientsAgree;
import static dev.rulebench.models.tf.GraphChecks.constant;
import static dev.rulebench.models.tf.GraphChecks.gaussian;
import static dev.rulebench.models.tf.GraphChecks.gradients;
import static dev.rulebench.models.tf.GraphChecks.run;
import static dev.rulebench.models.tf.GraphChecks.toDouble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rulebench.models.tf.GraphChecks.Input;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.layers.XlstmNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The xLSTM's norm kernels ({@link XlstmNorm#kernel} and {@link XlstmNorm#gatedKernel}, {@code
 * group_norm.c}) against their op graphs: values, the gradients of every input, central
 * differences, bits across thread counts, NaN and shape errors.
 */
class GroupNormKernelTest {

  private static final float EPS = 1e-5f;
  /** Two blocks of the kernel's 256 rows and a short one, so the gain's gradient is summed over three. */
  private static final int ROWS = 600;

  /** A group of 64 and of 32 channels takes the 16-lane sums; a group of 4 the channel-by-channel ones. */
  @ParameterizedTest(name = "{0} channels in {1} groups")
  @CsvSource({"64, 1", "128, 4", "12, 3"})
  void theKernelEqualsItsOpGraph(int width, int heads) {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(width);
    float[] x = shifted(gaussian(random, ROWS * width), 3f);
    float[] offset = scaled(gaussian(random, width), 0.3f);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> rows = constant(tf, x, ROWS, width);
      Operand<TFloat32> gain = constant(tf, offset, width);
      assertAgree("norm", run(g, XlstmNorm.kernel(tf, rows, gain, heads, EPS, false)),
          toDouble(run(g, XlstmNorm.opGraph(tf, rows, gain, heads, EPS))));
    }
    assertGradientsAgree("norm", List.of(new Input("x", x, ROWS, width), new Input("offset", offset, width)),
        gaussian(random, x.length), new long[] {ROWS, width}, (tf, in, kernel) -> kernel
            ? XlstmNorm.kernel(tf, in.get(0), in.get(1), heads, EPS, true)
            : XlstmNorm.opGraph(tf, in.get(0), in.get(1), heads, EPS));
  }

  @ParameterizedTest(name = "gated, {0} channels in {1} groups")
  @CsvSource({"128, 4", "12, 3"})
  void theGatedKernelEqualsItsOpGraph(int width, int heads) {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(width + 1);
    List<Input> inputs = gatedInputs(random, ROWS, width);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> in = new ArrayList<>();
      inputs.forEach(input -> in.add(constant(tf, input.values(), input.shape())));
      assertAgree("gated norm", run(g, gated(tf, in, heads, true, false)), toDouble(run(g, gated(tf, in, heads,
          false, false))));
    }
    assertGradientsAgree("gated norm", inputs, gaussian(random, ROWS * width), new long[] {ROWS, width},
        (tf, in, kernel) -> gated(tf, in, heads, kernel, true));
  }

  @Test
  void itsGradientMatchesCentralDifferences() {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(3);
    int rows = 9;
    int width = 32;
    List<Input> inputs = List.of(new Input("x", gaussian(random, rows * width), rows, width),
        new Input("offset", scaled(gaussian(random, width), 0.3f), width));
    GraphChecks.assertCentralDifferences("norm kernel", inputs, gaussian(random, rows * width),
        new long[] {rows, width}, (tf, in, handWritten) -> XlstmNorm.kernel(tf, in.get(0), in.get(1), 2, EPS, true),
        1e-2, 2e-3);
    GraphChecks.assertCentralDifferences("gated norm kernel", gatedInputs(random, rows, width),
        gaussian(random, rows * width), new long[] {rows, width}, (tf, in, handWritten) -> gated(tf, in, 2, true,
            true), 1e-2, 2e-3);
  }

  @Test
  void itsBitsDoNotDependOnItsThreads() {
    assumeTrue(NativeKernels.available());
    GraphChecks.assertSameBitsOnOneAndThreeThreads(GroupNormKernelTest::valueAndGradients);
  }

  @Test
  void nanReachesItsGroupAndNoOther() {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(4);
    float[] x = gaussian(random, 3 * 8);
    x[8 + 5] = Float.NaN; // row 1, the second group of four
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      float[] y = run(g, XlstmNorm.kernel(tf, constant(tf, x, 3, 8), constant(tf, new float[8], 8), 2, EPS, false));
      for (int i = 0; i < y.length; i++) {
        boolean inGroup = i >= 12 && i < 16;
        assertThat(Float.isNaN(y[i])).as("output %d", i).isEqualTo(inGroup);
      }
    }
  }

  @Test
  void aGainOfTheWrongWidthFailsWithAClearError() {
    assumeTrue(NativeKernels.available());
    SplittableRandom random = new SplittableRandom(5);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y = XlstmNorm.kernel(tf, constant(tf, gaussian(random, 4 * 8), 4, 8),
          constant(tf, new float[6], 6), 2, EPS, false);
      assertThatThrownBy(() -> run(g, y)).isInstanceOf(TFInvalidArgumentException.class)
          .hasMessageContaining("RuleBenchGroupNorm: shapes disagree").hasMessageContaining("w [H, Q]");
      List<Operand<TFloat32>> in = new ArrayList<>();
      gatedInputs(random, 4, 8).forEach(input -> in.add(constant(tf, input.values(), input.shape())));
      in.set(4, constant(tf, new float[6], 6)); // skip weights two short
      Operand<TFloat32> gated = gated(tf, in, 2, true, false);
      assertThatThrownBy(() -> run(g, gated)).isInstanceOf(TFInvalidArgumentException.class)
          .hasMessageContaining("RuleBenchGatedGroupNorm: shapes disagree").hasMessageContaining("skip [H, Q]");
    }
  }

  /**
   * The norm of 700 rows of 4 groups of 32 and the gradients of x and the gain, then the gated norm
   * and the gradients of its five inputs.
   */
  private static List<float[]> valueAndGradients() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      SplittableRandom random = new SplittableRandom(6);
      Operand<TFloat32> x = constant(tf, gaussian(random, 700 * 128), 700, 128);
      Operand<TFloat32> offset = constant(tf, gaussian(random, 128), 128);
      Operand<TFloat32> y = XlstmNorm.kernel(tf, x, offset, 4, EPS, true);
      List<float[]> values = new ArrayList<>();
      values.add(run(g, y));
      values.addAll(gradients(g, tf, y, constant(tf, gaussian(random, 700 * 128), 700, 128), List.of(x, offset)));
      List<Operand<TFloat32>> in = new ArrayList<>();
      gatedInputs(random, 700, 128).forEach(input -> in.add(constant(tf, input.values(), input.shape())));
      Operand<TFloat32> gatedY = gated(tf, in, 4, true, true);
      values.add(run(g, gatedY));
      values.addAll(gradients(g, tf, gatedY, constant(tf, gaussian(random, 700 * 128), 700, 128), in));
      return values;
    }
  }

  /** x, the gain's offset, the skipped input c, the gate's input z and the skip's weights. */
  private static List<Input> gatedInputs(SplittableRandom random, int rows, int width) {
    return List.of(new Input("x", shifted(gaussian(random, rows * width), 3f), rows, width),
        new Input("offset", scaled(gaussian(random, width), 0.3f), width),
        new Input("c", gaussian(random, rows * width), rows, width),
        new Input("z", scaled(gaussian(random, rows * width), 2f), rows, width),
        new Input("skip", gaussian(random, width), width));
  }

  /** The gated norm of {@link #gatedInputs}, as the kernel or as ops. */
  private static Operand<TFloat32> gated(Ops tf, List<Operand<TFloat32>> in, int heads, boolean kernel,
      boolean differentiated) {
    return kernel ? XlstmNorm.gatedKernel(tf, in.get(0), in.get(1), heads, EPS, in.get(2), in.get(3), in.get(4),
        differentiated) : XlstmNorm.gatedOpGraph(tf, in.get(0), in.get(1), heads, EPS, in.get(2), in.get(3), in.get(4));
  }

  private static float[] shifted(float[] values, float by) {
    for (int i = 0; i < values.length; i++) {
      values[i] += by;
    }
    return values;
  }

  private static float[] scaled(float[] values, float by) {
    for (int i = 0; i < values.length; i++) {
      values[i] *= by;
    }
    return values;
  }
}
