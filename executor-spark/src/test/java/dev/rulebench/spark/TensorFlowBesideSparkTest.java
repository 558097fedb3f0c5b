package dev.rulebench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow Java still works with Spark on the class path: Spark brings protobuf 4.x through
 * Tink, TensorFlow Java 1.1.0 needs 3.x ({@code NoSuchMethodError} in {@code TensorProto}
 * otherwise), and the build pins 3.21.9, which Spark's own RPC also runs on.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TensorFlowBesideSparkTest {

  @Test
  void protobufIsPinnedToTheThreeLine() {
    // RuntimeVersion exists from protobuf 4 on: its absence shows the pin won over Tink's 4.x
    assertThatThrownBy(() -> Class.forName("com.google.protobuf.RuntimeVersion"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aTensorFlowGraphRunsInsideSparkTasks() {
    try (SparkTrialExecutor executor = new SparkTrialExecutor(SparkSettings.from(Map.of(
        "rulebench.spark.master", "local[2]",
        "rulebench.spark.driver.host", "127.0.0.1",
        "rulebench.spark.driver.bindAddress", "127.0.0.1",
        "rulebench.spark.ui.enabled", "false")))) {
      List<Float> out = executor.sparkContext().parallelize(List.of(3f, 4f), 2)
          .map(TensorFlowBesideSparkTest::affine).collect();
      assertThat(out).containsExactly(7f, 9f);
    }
  }

  /** Builds {@code 2x + 1} as a graph, reads its definition back (protobuf) and runs it. */
  static float affine(float x) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> input = tf.placeholder(TFloat32.class);
      Operand<TFloat32> output = tf.math.add(tf.math.mul(input, tf.constant(2f)), tf.constant(1f));
      GraphDef definition = graph.toGraphDef();
      List<NodeDef> constants = definition.getNodeList().stream().filter(n -> n.getOp().equals("Const")).toList();
      if (constants.size() != 2 || !constants.stream().allMatch(
          n -> n.getAttrOrThrow("value").getTensor().getDtype() == DataType.DT_FLOAT)) {
        throw new IllegalStateException("unexpected graph definition: " + definition);
      }
      try (Session session = new Session(graph);
          TFloat32 fed = TFloat32.scalarOf(x);
          Result result = session.runner().feed(input.asOutput().op().name(), fed).fetch(output).run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
    }
  }
}
