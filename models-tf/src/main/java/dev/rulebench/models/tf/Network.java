package dev.rulebench.models.tf;

import dev.rulebench.models.tf.decode.IncrementalDecoder;
import dev.rulebench.models.tf.layers.Mode;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A language model as graph pieces: the full forward pass (training and the test loss) and its
 * incremental form (completion). Its variables were created through the {@link
 * dev.rulebench.models.tf.graph.Parameters} it was built with; {@link GraphModel} adds the loss,
 * the optimizer, checkpoints and the decoding loop around it.
 */
public interface Network {

  /**
   * Next-token logits at every position.
   *
   * @param inputs {@code [B, T]} token ids, T at most the context length
   * @return {@code [B, T, V]}
   */
  Operand<TFloat32> logits(Ops tf, Operand<TInt32> inputs, Mode mode);

  /** The incremental form, built once into the same graph and sharing the variables. */
  IncrementalDecoder decoder(Ops tf);
}
