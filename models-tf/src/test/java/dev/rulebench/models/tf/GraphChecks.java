package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.models.tf.graph.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
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
    ConfigProto config = ConfigProto.newBuilder().setGraphOptions(GraphOptions.newBuilder()
        .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true))).build();
    try (Session s = new Session(g, config); Result result = s.runner().fetch(out).run()) {
      Tensor t = result.get(0);
      return Tensors.toFloats((TFloat32) t);
    }
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
