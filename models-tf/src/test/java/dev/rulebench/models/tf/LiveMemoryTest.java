package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rulebench.models.tf.device.DevicePlan;
import dev.rulebench.models.tf.graph.LiveMemory;
import dev.rulebench.models.tf.graph.SessionSettings;
import dev.rulebench.models.tf.graph.StepProfile;
import dev.rulebench.models.tf.graph.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.IdentityN;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The memory report of a traced run names what is live at its peak, counting views once. */
class LiveMemoryTest {

  private static final long MB_8 = 2048L * 1024 * 4;

  @Test
  void thePeakHoldsBothInputsOfAConcatenationAndItsResultOnce() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      // fed, so that nothing can be folded into constants
      Placeholder<TFloat32> one = tf.placeholder(TFloat32.class);
      Operand<TFloat32> both = tf.concat(List.of(filled(tf, one, 1f), filled(tf, one, 2f)), tf.constant(0)); // 16 MB
      Operand<TFloat32> flat = tf.reshape(both, tf.constant(new int[] {-1})); // a view of the same buffer
      LiveMemory memory;
      try (Session session = new Session(g)) {
        memory = tracedPeak(g, session, one, tf.sum(flat, tf.constant(0)), 3f * 2048 * 1024);
      }
      assertThat(memory.bytes()).isBetween(4 * MB_8, 4 * MB_8 + 1024 * 1024);
      assertThat(memory.buffers()).filteredOn(buffer -> buffer.bytes() >= MB_8)
          .extracting(LiveMemory.Buffer::type, LiveMemory.Buffer::shape)
          .containsExactlyInAnyOrder(tuple("ConcatV2", "[4096, 1024]"), tuple("Fill", "[2048, 1024]"),
              tuple("Fill", "[2048, 1024]"));
      assertThat(memory.describe(5)).contains("ConcatV2 [4096, 1024]").contains(": 34 MB in ");
    }
  }

  /**
   * TensorFlow's gradient builder reads an output that gets no gradient with a {@code ZerosLike}
   * that nothing needs, so the session prunes it: such an output is freed when its producer ends
   * (as {@code ManualGradient}'s marker passes its inputs through), not kept to the end of the run.
   */
  @Test
  void anOutputThatNoRunNodeReadsDiesWithItsProducer() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> one = tf.placeholder(TFloat32.class);
      Operand<TFloat32> passed = filled(tf, one, 2f);
      IdentityN marker = tf.identityN(List.of(filled(tf, one, 1f), passed));
      tf.zerosLike(marker.output().get(1)); // built, never run
      @SuppressWarnings("unchecked")
      Operand<TFloat32> first = (Operand<TFloat32>) marker.output().get(0);
      Operand<TFloat32> later = tf.concat(List.of(tf.math.mul(first, tf.constant(3f)), first), tf.constant(0));
      LiveMemory memory;
      // the training session's settings: no graph rewrites, so the marker runs as built
      try (Session session = new Session(g, SessionSettings.config(DevicePlan.resolve("cpu"), 1, 1))) {
        memory = tracedPeak(g, session, one, tf.sum(tf.math.mul(later, later), tf.constant(new int[] {0, 1})),
            10f * 2048 * 1024);
      }
      // at the peak (the squared concatenation): the concatenation, its square, and not the passed fill
      assertThat(memory.buffers()).extracting(LiveMemory.Buffer::output).doesNotContain(passed.op().name() + ":0");
      assertThat(memory.bytes()).isLessThan(5 * MB_8);
    }
  }

  /** An 8 MB {@code [2048, 1024]} tensor filled with {@code value} times the fed one. */
  private static Operand<TFloat32> filled(Ops tf, Operand<TFloat32> one, float value) {
    return tf.fill(tf.constant(new int[] {2048, 1024}), tf.math.mul(one, tf.constant(value)));
  }

  /** Runs {@code total} once, traced, with 1 fed to {@code one}; checks its value and reports the peak. */
  private static LiveMemory tracedPeak(Graph g, Session session, Placeholder<TFloat32> one, Operand<TFloat32> total,
      float expected) {
    try (TFloat32 feed = Tensors.scalar(1f);
        Result result = session.runner().feed(one, feed).fetch(total).setOptions(StepProfile.TRACE)
            .runAndFetchMetadata()) {
      assertThat(Tensors.scalarValue(result.get(0))).isEqualTo(expected);
      return new StepProfile(result.getMetadata().orElseThrow()).liveMemory(g.toGraphDef());
    }
  }
}
