package dev.rulebench.models.tf.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The mLSTM's matrix memory with exponential input gates and stabilised log-gates (xLSTM paper,
 * §2.3 and appendix; the library's {@code parallel_stabilized_simple} and
 * {@code recurrent_step_stabilized_simple}), per head with key/value width d:
 *
 * <pre>
 *   C_t = f_t C_{t−1} + i_t k_t v_tᵀ/√d     n_t = f_t n_{t−1} + i_t k_t/√d
 *   h_t = C_tᵀ q_t / (max(|n_tᵀ q_t|, exp(−m_t)) + 1e−6)
 * </pre>
 *
 * with {@code f = σ(f̃)}, {@code i = exp(ĩ)}, every gate rescaled by {@code exp(−m_t)}, where the
 * stabiliser {@code m_t = max(log f_t + m_{t−1}, ĩ_t)} is the largest log-weight any input has in
 * the state.
 *
 * <p>Training uses the parallel form: the weight of input s in output t is
 * {@code D[t, s] = exp(ĩ_s + Σ_{r=s+1..t} log f_r − m_t)} for {@code s ≤ t}. The sum is a
 * difference of one cumulative sum of {@code log f}, taken <em>before</em> the exponential, so
 * nothing overflows; its rounding error is at most about {@code L·ε·|log f|·e^{−(t−s)|log f|} ≤ L·ε/e}
 * relative to the dominant weight (the diagonal term's sum is exactly 0), well inside 1e−4 over 257
 * steps. Decoding uses the recurrent step; it starts from {@code m = −∞} (a large negative
 * sentinel), which makes it equal to the parallel form. (The library's own step starts from
 * {@code m = 0}, which can change the normaliser's lower bound {@code exp(−m)}; the reference trains
 * and generates with the parallel form, so that is the form decoding reproduces.)
 */
public final class MlstmCell {

  /** Stands for −∞ in the stabiliser: exp of it minus any finite value is exactly 0. */
  static final float MINUS_INFINITY = -1e30f;

  private static final float EPS = 1e-6f;

  private MlstmCell() {}

  /** The carried state of one step: {@code C [R, H, d, d]}, {@code n [R, H, d]}, {@code m [R, H]}. */
  public record State(Operand<TFloat32> c, Operand<TFloat32> n, Operand<TFloat32> m) {}

  /** The output {@code [R, H, d]} of one step and the state after it. */
  public record Step(Operand<TFloat32> h, State state) {}

  /**
   * The parallel form over whole sequences.
   *
   * @param q {@code [B, H, S, d]}
   * @param k {@code [B, H, S, d]}
   * @param v {@code [B, H, S, d]}
   * @param inputGate ĩ, {@code [B, H, S]}
   * @param forgetGate f̃ (before the sigmoid), {@code [B, H, S]}
   * @param width d
   * @return {@code [B, H, S, d]}
   */
  public static Operand<TFloat32> parallel(Ops tf, Operand<TFloat32> q, Operand<TFloat32> k, Operand<TFloat32> v,
      Operand<TFloat32> inputGate, Operand<TFloat32> forgetGate, int width) {
    Operand<TInt32> last = tf.constant(-1);
    Operand<TFloat32> logForget = logSigmoid(tf, forgetGate);
    Operand<TFloat32> cumulative = tf.math.cumsum(logForget, last); // Σ_{r≤t} log f_r
    // [B, H, S, S]: Σ_{r=s+1..t} log f_r + ĩ_s for s ≤ t
    Operand<TFloat32> decay = tf.math.sub(tf.expandDims(cumulative, last), tf.expandDims(cumulative,
        tf.constant(-2)));
    Operand<TFloat32> logWeights = tf.select(causal(tf, cumulative), tf.math.add(decay, tf.expandDims(inputGate,
        tf.constant(-2))), tf.constant(MINUS_INFINITY));
    Operand<TFloat32> stabiliser = tf.max(logWeights, last, Max.keepDims(true)); // m_t, [B, H, S, 1]
    Operand<TFloat32> weights = tf.math.exp(tf.math.sub(logWeights, stabiliser));
    Operand<TFloat32> scores = tf.train.batchMatMul(q, scale(tf, k, width), TFloat32.class, BatchMatMul.adjY(true));
    Operand<TFloat32> combination = tf.math.mul(scores, weights);
    Operand<TFloat32> normaliser = tf.math.maximum(tf.math.abs(tf.sum(combination, last, Sum.keepDims(true))),
        tf.math.exp(tf.math.neg(stabiliser)));
    return tf.train.batchMatMul(tf.math.div(combination, tf.math.add(normaliser, tf.constant(EPS))), v,
        TFloat32.class);
  }

  /**
   * One recurrent step.
   *
   * @param q {@code [R, H, d]}
   * @param k {@code [R, H, d]}
   * @param v {@code [R, H, d]}
   * @param inputGate {@code [R, H]}
   * @param forgetGate {@code [R, H]}
   * @param first true at a sequence's first position: the state is empty and m counts as −∞
   * @param width d
   */
  public static Step step(Ops tf, State state, Operand<TFloat32> q, Operand<TFloat32> k, Operand<TFloat32> v,
      Operand<TFloat32> inputGate, Operand<TFloat32> forgetGate, Operand<TBool> first, int width) {
    Operand<TFloat32> previous = tf.select(first, tf.constant(MINUS_INFINITY), state.m());
    Operand<TFloat32> decayed = tf.math.add(logSigmoid(tf, forgetGate), previous);
    Operand<TFloat32> m = tf.math.maximum(decayed, inputGate);
    Operand<TFloat32> f = tf.math.exp(tf.math.sub(decayed, m));
    Operand<TFloat32> i = tf.math.exp(tf.math.sub(inputGate, m));
    Operand<TFloat32> kScaled = scale(tf, k, width);
    Operand<TFloat32> outer = tf.math.mul(tf.expandDims(kScaled, tf.constant(-1)), tf.expandDims(v, tf.constant(-2)));
    Operand<TInt32> column = tf.constant(-1);
    Operand<TFloat32> c = tf.math.add(tf.math.mul(tf.expandDims(tf.expandDims(f, column), column), state.c()),
        tf.math.mul(tf.expandDims(tf.expandDims(i, column), column), outer));
    Operand<TFloat32> n = tf.math.add(tf.math.mul(tf.expandDims(f, column), state.n()),
        tf.math.mul(tf.expandDims(i, column), kScaled));
    Operand<TFloat32> numerator = tf.sum(tf.math.mul(tf.expandDims(q, column), c), tf.constant(-2));
    Operand<TFloat32> qn = tf.sum(tf.math.mul(q, n), column);
    Operand<TFloat32> denominator = tf.math.add(tf.math.maximum(tf.math.abs(qn), tf.math.exp(tf.math.neg(m))),
        tf.constant(EPS));
    Operand<TFloat32> h = tf.math.div(numerator, tf.expandDims(denominator, column));
    return new Step(h, new State(c, n, m));
  }

  /** {@code log σ(x) = −softplus(−x)}, exact for large |x| (TensorFlow Java has no LogSigmoid gradient). */
  static Operand<TFloat32> logSigmoid(Ops tf, Operand<TFloat32> x) {
    return tf.math.neg(tf.math.softplus(tf.math.neg(x)));
  }

  /** Keys divided by √d, d their (static) width. */
  private static Operand<TFloat32> scale(Ops tf, Operand<TFloat32> keys, int width) {
    return tf.math.mul(keys, tf.constant((float) (1 / Math.sqrt(width))));
  }

  private static Operand<TInt32> lastDimension(Ops tf, Operand<TFloat32> x) {
    Operand<TInt32> shape = tf.shape(x);
    return tf.gather(shape, tf.math.sub(tf.size(shape), tf.constant(1)), tf.constant(0));
  }

  /** {@code [S, S]}: true where s ≤ t (row t, column s), for the length of {@code cumulative}'s last axis. */
  private static Operand<TBool> causal(Ops tf, Operand<TFloat32> cumulative) {
    Operand<TInt32> length = lastDimension(tf, cumulative);
    Operand<TInt32> index = tf.range(tf.constant(0), length, tf.constant(1));
    return tf.math.lessEqual(tf.expandDims(index, tf.constant(0)), tf.expandDims(index, tf.constant(1)));
  }

}
