package dev.rulebench.models.tf.decode;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A network's one-token-at-a-time form: the graph pieces {@link Completer} runs to continue prompts
 * at constant cost per token, with whatever the network carries between tokens (an LSTM's h and
 * c, a Transformer's keys and values, a state-space model's state) kept in graph variables.
 *
 * <p>Both methods are called once per decoder, while the graph is built; {@link CarriedState} makes
 * the variables. {@link Completer} asks the network for one decoder per decoding lane. A decoder must give the logits the full forward pass gives at the same position:
 * the tests compare the two.
 */
public interface IncrementalDecoder {

  /**
   * The op that empties the carried state for a new batch.
   *
   * @param rows how many sequences will be continued
   * @param capacity how many positions they may reach (prompt plus budget)
   */
  Op reset(Ops tf, Operand<TInt32> rows, Operand<TInt32> capacity);

  /**
   * One position of every row.
   *
   * @param tokens {@code [rows]}: each row's token at {@code position}
   * @param position the position, the same for all rows (prompts have equal lengths)
   * @param firstRow the batch row of {@code tokens[0]}: {@link Completer} may decode a batch in
   *     shards; only a network whose output depends on a row's place in its batch needs it (the
   *     reference Transformer's positional quirk)
   */
  Step step(Ops tf, Operand<TInt32> tokens, Operand<TInt32> position, Operand<TInt32> firstRow);

  /**
   * The most positions a sequence may have, or {@link Integer#MAX_VALUE} without a limit (the linear
   * model's weights cover a fixed context).
   */
  default int maxPositions() {
    return Integer.MAX_VALUE;
  }

  /**
   * What one step computes.
   *
   * @param logits {@code [rows, V]}: the next-token logits after {@code position}
   * @param updates ops that store the new carried state; run with every step
   */
  record Step(Operand<TFloat32> logits, List<Op> updates) {
    public Step {
      updates = List.copyOf(updates);
    }
  }
}
