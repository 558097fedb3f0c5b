package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.models.tf.graph.Tensors;
import dev.rulebench.models.tf.layers.Dropout;
import dev.rulebench.models.tf.layers.Mode;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Dropout drops at its rate, scales survivors by 1/(1−rate), and draws the same masks for the same seed. */
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
}
