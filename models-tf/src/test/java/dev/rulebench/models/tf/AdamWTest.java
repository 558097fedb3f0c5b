package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.model.OptimizerSettings;
import dev.rulebench.models.tf.graph.Parameters;
import dev.rulebench.models.tf.graph.Tensors;
import dev.rulebench.models.tf.train.AdamW;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** AdamW's updates equal PyTorch's {@code torch.optim.AdamW}, written out here in double precision. */
class AdamWTest {

  @Test
  void matchesPyTorchAdamW() {
    OptimizerSettings settings = new OptimizerSettings(0.9, 0.999, 1e-8, 0.01);
    double[] rates = {2e-3, 1e-2, 5e-3, 1e-3};
    float[] x = {0.5f, -1.5f, 2f};
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Parameters parameters = new Parameters(tf, 3);
      Variable<TFloat32> w = parameters.uniform("w", 1.0, 3);
      Placeholder<TFloat32> rate = tf.placeholder(TFloat32.class);
      // loss = Σ (w·x)², gradient 2·w·x²: both signs and sizes
      Operand<TFloat32> loss = tf.sum(tf.math.square(tf.math.mul(w, tf.constant(x))), tf.constant(0));
      AdamW adamW = new AdamW(tf, parameters.all(), loss, rate, settings);
      try (Session session = new Session(graph)) {
        session.initialize();
        double[] p = read(session, w);
        double[] m = new double[3];
        double[] v = new double[3];
        for (int step = 1; step <= rates.length; step++) {
          double lr = rates[step - 1];
          try (TFloat32 r = Tensors.scalar((float) lr)) {
            session.runner().feed(rate, r).addTarget(adamW.update()).run().close();
          }
          double bc1 = 1 - Math.pow(settings.beta1(), step);
          double bc2 = 1 - Math.pow(settings.beta2(), step);
          for (int i = 0; i < 3; i++) {
            double g = 2 * p[i] * x[i] * x[i];
            p[i] *= 1 - lr * settings.weightDecay();
            m[i] = settings.beta1() * m[i] + (1 - settings.beta1()) * g;
            v[i] = settings.beta2() * v[i] + (1 - settings.beta2()) * g * g;
            p[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + settings.epsilon());
          }
          double[] actual = read(session, w);
          for (int i = 0; i < 3; i++) {
            assertThat(actual[i]).as("step %d, entry %d", step, i).isCloseTo(p[i], Offset.offset(2e-6));
          }
        }
      }
    }
  }

  private static double[] read(Session session, Variable<TFloat32> w) {
    try (Result result = session.runner().fetch(w).run()) {
      float[] values = Tensors.toFloats((TFloat32) result.get(0));
      return new double[] {values[0], values[1], values[2]};
    }
  }
}
