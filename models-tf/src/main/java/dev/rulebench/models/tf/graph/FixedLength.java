package dev.rulebench.models.tf.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs a network whose graph is unrolled over a fixed number of positions (a recurrence that
 * TensorFlow can only differentiate unrolled) on token rows of any length up to that number: the
 * rows are right-padded to the full length and the logits cut back. In a causal model the padding
 * positions come after every real one, so they change nothing the caller sees.
 */
public final class FixedLength {

  private FixedLength() {}

  /**
   * @param tokens {@code [B, T]} with T ≤ {@code length}
   * @return {@code [B, length]}; running it with T > {@code length} fails with a message naming both
   */
  public static Operand<TInt32> pad(Ops tf, Operand<TInt32> tokens, int length, int padToken) {
    Operand<TInt32> given = Dims.of(tf, tokens, 1);
    Operand<TBool> fits = tf.math.lessEqual(given, tf.constant(length));
    Op check = tf.assertThat(fits, List.of(tf.constant("this model is unrolled over " + length
        + " positions (the context length it was built for); got a longer sequence of length"), given));
    Operand<TInt32> missing = tf.math.sub(tf.constant(length), given);
    Operand<TInt32> paddings = tf.reshape(tf.stack(List.of(tf.constant(0), tf.constant(0), tf.constant(0), missing)),
        tf.constant(new int[] {2, 2}));
    return tf.withControlDependencies(List.of(check)).pad(tokens, paddings, tf.constant(padToken));
  }

  /**
   * @param logits {@code [B, length, V]}
   * @param tokens the unpadded {@code [B, T]} rows
   * @return {@code [B, T, V]}
   */
  public static Operand<TFloat32> crop(Ops tf, Operand<TFloat32> logits, Operand<TInt32> tokens) {
    Operand<TInt32> size = tf.stack(List.of(tf.constant(-1), Dims.of(tf, tokens, 1), tf.constant(-1)));
    return tf.slice(logits, tf.constant(new int[] {0, 0, 0}), size);
  }
}
