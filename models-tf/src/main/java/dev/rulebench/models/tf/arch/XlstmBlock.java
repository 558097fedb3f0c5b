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
   * Creates the variables one decoder carries through this block between tokens, sized for
   * {@code rows}, in the order {@link #step} reads them.
   */
  List<CarriedState.Carried> declareState(CarriedState state, Ops tf, Operand<TInt32> rows, String prefix);

  /**
   * One position of every row.
   *
   * @param x {@code [R, width]}
   * @param first whether this is each sequence's first position
   * @param state the current values of the variables {@link #declareState} made, in their order
   */
  Step step(Ops tf, Operand<TFloat32> x, Operand<TBool> first, List<Operand<TFloat32>> state);

  /** A step's output and the new values of the block's state variables, in their order. */
  record Step(Operand<TFloat32> output, List<Operand<TFloat32>> values) {}
}
