package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.models.tf.device.DevicePlan;
import dev.rulebench.models.tf.graph.LiveMemory;
import dev.rulebench.models.tf.graph.SessionSettings;
import dev.rulebench.models.tf.graph.StepProfile;
import dev.rulebench.models.tf.graph.Tensors;
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
      Operand<TFloat32> a = tf.fill(tf.constant(new int[] {2048, 1024}), one);
      Operand<TFloat32> b = tf.fill(tf.constant(new int[] {2048, 1024}), tf.math.mul(one, tf.constant(2f)));
      Operand<TFloat32> both = tf.concat(java.util.List.of(a, b), tf.constant(0)); // 16 MB
      Operand<TFloat32> flat = tf.reshape(both, tf.constant(new int[] {-1})); // a view of the same buffer
      Operand<TFloat32> total = tf.sum(flat, tf.constant(0));
      LiveMemory memory;
      try (Session session = new Session(g); TFloat32 feed = Tensors.scalar(1f);
          Result result = session.runner().feed(one, feed).fetch(total).setOptions(StepProfile.TRACE)
              .runAndFetchMetadata()) {
        assertThat(Tensors.scalarValue(result.get(0))).isEqualTo(3f * 2048 * 1024);
        memory = new StepProfile(result.getMetadata().orElseThrow()).liveMemory(g.toGraphDef());
      }
      assertThat(memory.bytes()).isBetween(4 * MB_8, 4 * MB_8 + 1024 * 1024);
      assertThat(memory.buffers()).filteredOn(buffer -> buffer.bytes() >= MB_8)
          .extracting(LiveMemory.Buffer::type, LiveMemory.Buffer::shape)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ConcatV2", "[4096, 1024]"),
              org.assertj.core.groups.Tuple.tuple("Fill", "[2048, 1024]"),
              org.assertj.core.groups.Tuple.tuple("Fill", "[2048, 1024]"));
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
      Operand<TFloat32> kept = tf.fill(tf.constant(new int[] {2048, 1024}), one);
      Operand<TFloat32> passed = tf.fill(tf.constant(new int[] {2048, 1024}), tf.math.mul(one, tf.constant(2f)));
      IdentityN marker = tf.identityN(java.util.List.of(kept, passed));
      tf.zerosLike(marker.output().get(1)); // built, never run
      @SuppressWarnings("unchecked")
      Operand<TFloat32> first = (Operand<TFloat32>) marker.output().get(0);
      Operand<TFloat32> later = tf.concat(java.util.List.of(tf.math.mul(first, tf.constant(3f)), first), tf.constant(0));
      Operand<TFloat32> total = tf.sum(tf.math.mul(later, later), tf.constant(new int[] {0, 1}));
      LiveMemory memory;
      String passedOutput = passed.op().name() + ":0";
      // the training session's settings: no graph rewrites, so the marker runs as built
      try (Session session = new Session(g, SessionSettings.config(DevicePlan.resolve("cpu"), 1));
          TFloat32 feed = Tensors.scalar(1f);
          Result result = session.runner().feed(one, feed).fetch(total).setOptions(StepProfile.TRACE)
              .runAndFetchMetadata()) {
        assertThat(Tensors.scalarValue(result.get(0))).isEqualTo(10f * 2048 * 1024);
        memory = new StepProfile(result.getMetadata().orElseThrow()).liveMemory(g.toGraphDef());
      }
      // at the peak (the squared concatenation): the concatenation, its square, and not the passed fill
      assertThat(memory.buffers()).extracting(LiveMemory.Buffer::output).doesNotContain(passedOutput);
      assertThat(memory.bytes()).isLessThan(5 * MB_8);
    }
  }
}
