package dev.rulebench.models.tf.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The sLSTM's scalar memory with exponential gating, normaliser and stabiliser (xLSTM paper §2.2;
 * the library's vanilla {@code slstm_forward_pointwise}), per hidden unit:
 *
 * <pre>
 *   [ĩ, f̃, z̃, õ] = W x_t + R h_{t−1} + b          (R block-diagonal per head)
 *   m_t = max(log σ(f̃) + m_{t−1}, ĩ)
 *   c_t = exp(log σ(f̃) + m_{t−1} − m_t) c_{t−1} + exp(ĩ − m_t) tanh(z̃)
 *   n_t = exp(log σ(f̃) + m_{t−1} − m_t) n_{t−1} + exp(ĩ − m_t)
 *   h_t = σ(õ) c_t / n_t
 * </pre>
 *
 * starting from zeros with the first step's stabiliser {@code m_0 = ĩ_0} (the library's "all n are
 * 0" case, the same as {@code m_{−1} = −∞}). It is truly recurrent (h feeds the gates), so training
 * unrolls it over the sequence and TensorFlow differentiates the unrolled steps.
 */
public final class SlstmCell {

  private SlstmCell() {}

  /** The carried state, each {@code [R, width]}. */
  public record State(Operand<TFloat32> h, Operand<TFloat32> c, Operand<TFloat32> n, Operand<TFloat32> m) {}

  /**
   * The whole sequence.
   *
   * @param inputs W x_t + b, time-major {@code [L, B, 4·width]}, gates in the order ĩ, f̃, z̃, õ
   * @param recurrent R as a dense block-diagonal {@code [width, 4·width]}
   * @param steps L
   * @return h, {@code [L, B, width]}
   */
  public static Operand<TFloat32> sequence(Ops tf, Operand<TFloat32> inputs, Operand<TFloat32> recurrent,
      int steps) {
    List<Output<TFloat32>> perStep = tf.unstack(inputs, (long) steps).output();
    Operand<TInt32> gateAxis = tf.constant(1);
    List<Operand<TFloat32>> hs = new ArrayList<>(steps);
    State state = null;
    for (int t = 0; t < steps; t++) {
      if (state == null) {
        List<Output<TFloat32>> g = tf.split(gateAxis, perStep.get(t), 4L).output();
        // m_0 = ĩ: the input gate is exp(0) = 1 and nothing is carried
        Operand<TFloat32> c = tf.math.tanh(g.get(2));
        // n_0 = 1, broadcast (OnesLike has no gradient in TensorFlow Java)
        state = new State(tf.math.mul(tf.math.sigmoid(g.get(3)), c), c, tf.constant(1f), g.get(0));
      } else {
        Operand<TFloat32> gates = tf.math.add(perStep.get(t), tf.linalg.matMul(state.h(), recurrent));
        state = update(tf, state, gates, gateAxis, null);
      }
      hs.add(state.h());
    }
    return tf.stack(hs);
  }

  /**
   * One step for decoding.
   *
   * @param inputs W x_t + b, {@code [R, 4·width]}
   * @param first true at a sequence's first position (the state is empty)
   */
  public static State step(Ops tf, State state, Operand<TFloat32> inputs, Operand<TFloat32> recurrent,
      Operand<TBool> first) {
    Operand<TFloat32> gates = tf.math.add(inputs, tf.linalg.matMul(state.h(), recurrent));
    return update(tf, state, gates, tf.constant(1), first);
  }

  private static State update(Ops tf, State state, Operand<TFloat32> gates, Operand<TInt32> gateAxis,
      Operand<TBool> first) {
    List<Output<TFloat32>> g = tf.split(gateAxis, gates, 4L).output();
    Operand<TFloat32> previous = first == null ? state.m()
        : tf.select(first, tf.constant(MlstmCell.MINUS_INFINITY), state.m());
    Operand<TFloat32> decayed = tf.math.add(MlstmCell.logSigmoid(tf, g.get(1)), previous);
    Operand<TFloat32> m = tf.math.maximum(g.get(0), decayed);
    Operand<TFloat32> input = tf.math.exp(tf.math.sub(g.get(0), m));
    Operand<TFloat32> forget = tf.math.exp(tf.math.sub(decayed, m));
    Operand<TFloat32> c = tf.math.add(tf.math.mul(forget, state.c()), tf.math.mul(input, tf.math.tanh(g.get(2))));
    Operand<TFloat32> n = tf.math.add(tf.math.mul(forget, state.n()), input);
    Operand<TFloat32> h = tf.math.mul(tf.math.sigmoid(g.get(3)), tf.math.div(c, n));
    return new State(h, c, n, m);
  }
}
