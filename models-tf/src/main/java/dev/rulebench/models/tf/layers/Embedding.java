package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A token embedding table {@code [vocabulary, width]}, initialised N(0, 1) as PyTorch's {@code nn.Embedding}. */
public final class Embedding {

  private final Variable<TFloat32> table;

  public Embedding(Parameters parameters, int vocabulary, int width) {
    this.table = parameters.normal("table", 1.0, vocabulary, width);
  }

  /** The vectors of {@code ids} (any shape), with one more dimension of size {@code width}. */
  public Operand<TFloat32> lookup(Ops tf, Operand<TInt32> ids) {
    return tf.gather(table, ids, tf.constant(0));
  }

  /** The table itself, for heads tied to the embedding. */
  public Operand<TFloat32> table() {
    return table;
  }
}
