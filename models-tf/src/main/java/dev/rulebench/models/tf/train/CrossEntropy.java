package dev.rulebench.models.tf.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training objective of {@link dev.rulebench.model.TokenBatch}: {@code Σ weight · CE}, with the
 * cross-entropy of every position from the fused, differentiable {@code
 * SoftmaxCrossEntropyWithLogits} on one-hot targets (its sparse twin has no gradient in TensorFlow
 * Java 1.1.0).
 */
public final class CrossEntropy {

  private CrossEntropy() {}

  /**
   * @param logits {@code [B, T, V]}
   * @param targets {@code [B, T]}
   * @param weights {@code [B, T]}
   * @return the weighted sum, a scalar
   */
  public static Operand<TFloat32> weightedSum(Ops tf, Operand<TFloat32> logits, Operand<TInt32> targets,
      Operand<TFloat32> weights, int vocabulary) {
    Operand<TFloat32> rows = tf.reshape(logits, tf.constant(new int[] {-1, vocabulary}));
    Operand<TFloat32> oneHot = tf.oneHot(tf.reshape(targets, tf.constant(new int[] {-1})), tf.constant(vocabulary),
        tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perPosition = tf.nn.softmaxCrossEntropyWithLogits(rows, oneHot).loss();
    Operand<TFloat32> flatWeights = tf.reshape(weights, tf.constant(new int[] {-1}));
    return tf.sum(tf.math.mul(perPosition, flatWeights), tf.constant(0));
  }
}
