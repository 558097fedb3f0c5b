package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.models.tf.graph.SessionSettings;
import dev.rulebench.models.tf.graph.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

/**
 * Small graphs evaluated and compared in the numerical tests. "Agree" means: the largest difference
 * is at most {@value #TOLERANCE} times the largest magnitude of the reference (or {@value
 * #TOLERANCE} absolute where that is below 1), and every value is finite.
 */
final class GraphChecks {

  static final double TOLERANCE = 1e-4;

  private GraphChecks() {}

  /** A named input of a gradient check: its values and shape. */
  record Input(String name, float[] values, long... shape) {}

  /** A forward pass built from its inputs, with the layer's hand-written gradient or without. */
  @FunctionalInterface
  interface Forward {
    Operand<TFloat32> build(Ops tf, List<Operand<TFloat32>> inputs, boolean handWritten);
  }

  /**
   * The native kernels' determinism: what {@code outputs} computes, building its graph with the
   * kernels on one thread and then on three ({@link SessionSettings#INTRA_OP_THREADS}), is the same
   * bits, output by output.
   */
  static void assertSameBitsOnOneAndThreeThreads(Supplier<List<float[]>> outputs) {
    List<float[]> one = onThreads(1, outputs);
    List<float[]> three = onThreads(3, outputs);
    for (int i = 0; i < one.size(); i++) {
      assertThat(three.get(i)).as("output %d", i).containsExactly(one.get(i));
    }
  }

  private static List<float[]> onThreads(int threads, Supplier<List<float[]>> outputs) {
    String before = System.setProperty(SessionSettings.INTRA_OP_THREADS, Integer.toString(threads));
    try {
      return outputs.get();
    } finally {
      SystemProperties.restore(SessionSettings.INTRA_OP_THREADS, before);
    }
  }

  /**
   * The hand-written gradient of {@code Σ w·y} agrees with TensorFlow's derivative of the same
   * forward pass, input by input.
   */
  static void assertGradientsAgree(String what, List<Input> inputs, float[] w, long[] outputShape,
      Forward forward) {
    List<float[]> manual = new ArrayList<>();
    List<float[]> automatic = new ArrayList<>();
    for (boolean handWritten : new boolean[] {true, false}) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        List<Operand<TFloat32>> in = new ArrayList<>();
        inputs.forEach(input -> in.add(constant(tf, input.values(), input.shape())));
        Operand<TFloat32> y = forward.build(tf, in, handWritten);
        (handWritten ? manual : automatic).addAll(gradients(g, tf, y, constant(tf, w, outputShape), in));
      }
    }
    for (int i = 0; i < inputs.size(); i++) {
      assertAgree(what + " gradient of " + inputs.get(i).name(), manual.get(i), toDouble(automatic.get(i)));
    }
  }

  /**
   * The hand-written gradient of {@code L = Σ w·y} agrees with central differences of the forward
   * pass: along two random unit directions u per input, {@code (L(x + hu) − L(x − hu)) / 2h} against
   * {@code ∇L·u}, within {@code tolerance · max(1, |∇L·u|)}. L is summed in double from the float
   * outputs, so the differences measure the forward pass, not the rounding of a float sum.
   */
  static void assertCentralDifferences(String what, List<Input> inputs, float[] w, long[] outputShape,
      Forward forward, double step, double tolerance) {
    SplittableRandom random = new SplittableRandom(11);
    for (int direction = 0; direction < 2; direction++) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        List<Operand<TFloat32>> in = new ArrayList<>();
        List<Placeholder<TFloat32>> shifts = new ArrayList<>();
        List<float[]> directions = new ArrayList<>();
        for (Input input : inputs) {
          float[] u = gaussian(random, input.values().length);
          double norm = 0;
          for (float x : u) {
            norm += x * x;
          }
          for (int j = 0; j < u.length; j++) {
            u[j] /= (float) Math.sqrt(norm);
          }
          Placeholder<TFloat32> shift = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
          shifts.add(shift);
          directions.add(u);
          in.add(tf.math.add(constant(tf, input.values(), input.shape()), tf.math.mul(shift,
              constant(tf, u, input.shape()))));
        }
        Operand<TFloat32> y = forward.build(tf, in, true);
        Operand<TFloat32> loss = tf.sum(tf.reshape(tf.math.mul(y, constant(tf, w, outputShape)),
            tf.constant(new int[] {-1})), tf.constant(0));
        var gradients = tf.gradients(loss, in);
        try (Session s = new Session(g, sessionConfig())) {
          for (int i = 0; i < inputs.size(); i++) {
            float[] gradient = evaluate(s, shifts, -1, 0, gradients.<TFloat32>dy(i));
            double projected = 0;
            for (int j = 0; j < gradient.length; j++) {
              projected += (double) gradient[j] * directions.get(i)[j];
            }
            double difference = (weighted(evaluate(s, shifts, i, step, y), w)
                - weighted(evaluate(s, shifts, i, -step, y), w)) / (2 * step);
            assertThat(Math.abs(difference - projected))
                .as("%s: central difference of %s along direction %d (%.6g) against the gradient (%.6g)", what,
                    inputs.get(i).name(), direction, difference, projected)
                .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(projected)));
          }
        }
      }
    }
  }

  /** {@code out} with input {@code shifted} moved by {@code by} along its direction, the others not. */
  private static float[] evaluate(Session s, List<Placeholder<TFloat32>> shifts, int shifted, double by,
      Operand<TFloat32> out) {
    List<TFloat32> fed = new ArrayList<>();
    try {
      Session.Runner runner = s.runner();
      for (int i = 0; i < shifts.size(); i++) {
        TFloat32 value = TFloat32.scalarOf(i == shifted ? (float) by : 0f);
        fed.add(value);
        runner.feed(shifts.get(i), value);
      }
      try (Result result = runner.fetch(out).run()) {
        return Tensors.toFloats((TFloat32) result.get(0));
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private static double weighted(float[] y, float[] w) {
    double sum = 0;
    for (int j = 0; j < y.length; j++) {
      sum += (double) y[j] * w[j];
    }
    return sum;
  }

  /** The gradients of {@code Σ w·y} with respect to each input, evaluated. */
  static List<float[]> gradients(Graph g, Ops tf, Operand<TFloat32> y, Operand<TFloat32> w,
      List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> loss = tf.sum(tf.reshape(tf.math.mul(y, w), tf.constant(new int[] {-1})), tf.constant(0));
    var gradients = tf.gradients(loss, inputs);
    List<float[]> values = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      values.add(run(g, gradients.<TFloat32>dy(i)));
    }
    return values;
  }

  static Operand<TFloat32> constant(Ops tf, float[] values, long... shape) {
    return tf.constant(org.tensorflow.ndarray.Shape.of(shape), org.tensorflow.ndarray.buffer.DataBuffers.of(values,
        true, false));
  }

  /** Evaluates one tensor; grappler off, as in {@link dev.rulebench.models.tf.graph.SessionSettings}. */
  static float[] run(Graph g, Operand<TFloat32> out) {
    try (Session s = new Session(g, sessionConfig()); Result result = s.runner().fetch(out).run()) {
      Tensor t = result.get(0);
      return Tensors.toFloats((TFloat32) t);
    }
  }

  private static ConfigProto sessionConfig() {
    return ConfigProto.newBuilder().setGraphOptions(GraphOptions.newBuilder()
        .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true))).build();
  }

  static void assertAgree(String what, float[] actual, double[] expected) {
    assertThat(actual).as(what + ": size").hasSize(expected.length);
    double scale = 1;
    double worst = 0;
    for (int j = 0; j < actual.length; j++) {
      assertThat(Float.isFinite(actual[j])).as("%s: entry %d is %s", what, j, actual[j]).isTrue();
      scale = Math.max(scale, Math.abs(expected[j]));
      worst = Math.max(worst, Math.abs(actual[j] - expected[j]));
    }
    assertThat(worst).as("%s: largest difference (reference magnitude up to %.3g)", what, scale)
        .isLessThanOrEqualTo(TOLERANCE * scale);
  }

  static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int j = 0; j < values.length; j++) {
      out[j] = values[j];
    }
    return out;
  }

  static float[] gaussian(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int j = 0; j < size; j++) {
      values[j] = (float) random.nextGaussian();
    }
    return values;
  }
}
