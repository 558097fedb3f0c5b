package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.models.tf.graph.ManualGradient;
import dev.rulebench.models.tf.graph.RunAfter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * Inside a gradient function, {@link RunAfter} makes a value wait for the upstream gradient, which
 * {@code Ops.withControlDependencies} does not do there in TensorFlow Java 1.1.0.
 */
class RunAfterTest {

  @Test
  void aBackwardPassValueWaitsForTheUpstreamGradient() {
    assertThat(controlInputsOfTheBackwardPassValue(true)).hasSize(1);
  }

  /** Why {@link RunAfter} exists; if an upgrade makes this fail, the native scope honours them now. */
  @Test
  void theGradientScopeDropsControlDependencies() {
    assertThat(controlInputsOfTheBackwardPassValue(false)).isEmpty();
  }

  /** The control inputs of the op that a backward pass builds from a forward value, marked "late". */
  private static List<String> controlInputsOfTheBackwardPassValue(boolean runAfter) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(new float[] {1f, 2f});
      Operand<TFloat32> y = ManualGradient.attach(tf, List.of(x), List.of(tf.math.square(x)), (scope, upstream) -> {
        Operand<TFloat32> dy = upstream.get(0);
        Operand<TFloat32> late = runAfter ? RunAfter.after(scope, x, dy)
            : scope.withControlDependencies(List.of(dy)).identity(x);
        return List.of(scope.withName("late").math.mul(scope.math.mul(late, scope.constant(2f)), dy));
      }).get(0);
      tf.gradients(tf.sum(y, tf.constant(0)), List.of(x));
      NodeDef product = g.toGraphDef().getNodeList().stream().filter(n -> n.getName().endsWith("late")).findFirst()
          .orElseThrow();
      String lateInput = product.getInput(0).split(":")[0];
      String twice = g.toGraphDef().getNodeList().stream().filter(n -> n.getName().equals(lateInput)).findFirst()
          .orElseThrow().getInput(0).split(":")[0];
      return g.toGraphDef().getNodeList().stream().filter(n -> n.getName().equals(twice)).findFirst().orElseThrow()
          .getInputList().stream().filter(input -> input.startsWith("^")).toList();
    }
  }
}
