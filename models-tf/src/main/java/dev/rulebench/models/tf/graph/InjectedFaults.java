package dev.rulebench.models.tf.graph;

import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.InjectedFault;
import dev.rulebench.models.tf.layers.Mode;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Where the TensorFlow models apply the {@link InjectedFault}s that are theirs, as they build their
 * graphs (the trainer's own are applied by the harness). Each method returns its input unchanged
 * unless its fault is the one turned on, so a real run's graph is exactly the graph without it.
 */
public final class InjectedFaults {

  /** A fixed dropout seed for {@link InjectedFault#DROPOUT_AT_EVALUATION}: evaluation feeds none. */
  private static final long[] EVALUATION_DROPOUT_SEED = {7, 11};

  private InjectedFaults() {}

  /** {@link InjectedFault#TARGETS_SHIFTED}: each position's target is the token after it, the last repeated. */
  public static Operand<TInt32> targets(Ops tf, Operand<TInt32> targets) {
    if (!InjectedFault.TARGETS_SHIFTED.isActive()) {
      return targets;
    }
    return tf.concat(List.of(tf.stridedSlice(targets, Indices.all(), Indices.sliceFrom(1)),
        tf.stridedSlice(targets, Indices.all(), Indices.sliceFrom(-1))), tf.constant(1));
  }

  /** {@link InjectedFault#FROZEN_LAYER}: the first parameter (the token embedding) is not trained. */
  public static List<Parameters.Parameter> trained(List<Parameters.Parameter> parameters) {
    return InjectedFault.FROZEN_LAYER.isActive() ? parameters.subList(1, parameters.size()) : parameters;
  }

  /** {@link InjectedFault#DROPOUT_AT_EVALUATION}: the test pass draws dropout masks as training does. */
  public static Mode evaluationMode(Ops tf) {
    return InjectedFault.DROPOUT_AT_EVALUATION.isActive() ? Mode.training(tf.constant(EVALUATION_DROPOUT_SEED))
        : Mode.inference();
  }

  /** {@link InjectedFault#EOS_NEVER}: decoding logits with EOS pushed out of reach. */
  public static Operand<TFloat32> decodingLogits(Ops tf, Operand<TFloat32> logits) {
    if (!InjectedFault.EOS_NEVER.isActive()) {
      return logits;
    }
    Operand<TInt32> vocabulary = tf.gather(tf.shape(logits), tf.constant(1), tf.constant(0));
    return tf.math.add(logits, tf.oneHot(tf.constant(Vocabulary.EOS), vocabulary, tf.constant(-1e9f),
        tf.constant(0f)));
  }

  /**
   * {@link InjectedFault#CAUSAL_MASK_LEAK}: how many future positions a query may see (0, or 1 with
   * the fault).
   */
  public static int causalLookahead() {
    return InjectedFault.CAUSAL_MASK_LEAK.isActive() ? 1 : 0;
  }
}
