package dev.rulebench.models.tf;

import static dev.rulebench.models.tf.GraphChecks.assertAgree;
import static dev.rulebench.models.tf.GraphChecks.constant;
import static dev.rulebench.models.tf.GraphChecks.gaussian;
import static dev.rulebench.models.tf.GraphChecks.gradients;
import static dev.rulebench.models.tf.GraphChecks.run;
import static dev.rulebench.models.tf.GraphChecks.toDouble;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.models.tf.graph.BatchProducts;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * The oneDNN-backed batch product and its hand-written gradient equal TensorFlow's {@code
 * BatchMatMulV3} and TensorFlow's derivative of it, for every pair of transposes.
 */
class BatchProductsTest {

  private static final int BATCH = 3;
  private static final int ROWS = 5;
  private static final int INNER = 2;
  private static final int COLUMNS = 7;

  @ParameterizedTest(name = "adjoint x {0}, adjoint y {1}")
  @CsvSource({"false, false", "false, true", "true, false", "true, true"})
  void productAndGradientEqualTensorFlows(boolean adjointX, boolean adjointY) {
    SplittableRandom random = new SplittableRandom(adjointX ? (adjointY ? 4 : 3) : (adjointY ? 2 : 1));
    float[] x = gaussian(random, BATCH * ROWS * INNER);
    float[] y = gaussian(random, BATCH * INNER * COLUMNS);
    float[] w = gaussian(random, BATCH * ROWS * COLUMNS);
    List<float[]> ours = new ArrayList<>();
    List<float[]> tensorFlows = new ArrayList<>();
    for (boolean fast : new boolean[] {true, false}) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        List<Operand<TFloat32>> in = List.of(
            adjointX ? constant(tf, x, BATCH, INNER, ROWS) : constant(tf, x, BATCH, ROWS, INNER),
            adjointY ? constant(tf, y, BATCH, COLUMNS, INNER) : constant(tf, y, BATCH, INNER, COLUMNS));
        Operand<TFloat32> z = fast
            ? BatchProducts.product(tf, in.get(0), adjointX, in.get(1), adjointY, true)
            : tf.train.batchMatMul(in.get(0), in.get(1), TFloat32.class, BatchMatMul.adjX(adjointX),
                BatchMatMul.adjY(adjointY));
        List<float[]> values = fast ? ours : tensorFlows;
        values.add(run(g, z));
        values.addAll(gradients(g, tf, z, constant(tf, w, BATCH, ROWS, COLUMNS), in));
        if (fast) {
          assertThat(g.operations()).toIterable().extracting(op -> op.type())
              .as("the products are BatchMatMulV2, which oneDNN rewrites").contains("BatchMatMulV2")
              .doesNotContain("BatchMatMulV3");
        }
      }
    }
    assertAgree("product", ours.get(0), toDouble(tensorFlows.get(0)));
    assertAgree("gradient of x", ours.get(1), toDouble(tensorFlows.get(1)));
    assertAgree("gradient of y", ours.get(2), toDouble(tensorFlows.get(2)));
  }
}
