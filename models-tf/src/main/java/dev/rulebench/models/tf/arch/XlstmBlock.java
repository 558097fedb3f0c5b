package dev.rulebench.models.tf.arch;

import dev.rulebench.models.tf.decode.CarriedState;
import dev.rulebench.models.tf.layers.Mode;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** One residual block of the xLSTM stack, over whole sequences and one position at a time. */
interface XlstmBlock {

  /**
   * The block over whole sequences, residual connections included.
   *
   * @param x {@code [B, S, width]}, S the unrolled length
   */
  Operand<TFloat32> sequence(Ops tf, Operand<TFloat32> x, Operand<TInt32> batch, Mode mode);

  /**
   * Creates what one decoder keeps for this block: the variables it carries between tokens, sized
   * for {@code rows}, and the weights its step uses in a derived form (block-diagonal matrices),
   * computed once per batch when the decoder resets instead of once per token.
   */
  Decoding declareDecoding(CarriedState state, Ops tf, Operand<TInt32> rows, String prefix);

  /**
   * One position of every row.
   *
   * @param x {@code [R, width]}
   * @param first whether this is each sequence's first position
   * @param state the current values of the carried variables {@link #declareDecoding} made, in their order
   * @param weights the derived weights {@link #declareDecoding} made, in their order
   */
  Step step(Ops tf, Operand<TFloat32> x, Operand<TBool> first, List<Operand<TFloat32>> state,
      List<Operand<TFloat32>> weights);

  /** What one decoder keeps for a block: carried state, and weights derived once per batch. */
  record Decoding(List<CarriedState.Carried> state, List<Operand<TFloat32>> weights) {}

  /** A step's output and the new values of the block's state variables, in their order. */
  record Step(Operand<TFloat32> output, List<Operand<TFloat32>> values) {}
}
