package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.BatchProducts;
import dev.rulebench.models.tf.graph.NativeKernels;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.core.Unstack;
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
 * <p>Training runs these recurrent equations over whole sequences as a native kernel where there
 * is one ({@link #sequence}). Its op graph, the fallback and the reference, is the parallel form:
 * the weight of input s in output t is
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
    Operand<TFloat32> scores = BatchProducts.product(tf, q, false, scale(tf, k, width), true, false);
    Operand<TFloat32> combination = tf.math.mul(scores, weights);
    Operand<TFloat32> normaliser = tf.math.maximum(tf.math.abs(tf.sum(combination, last, Sum.keepDims(true))),
        tf.math.exp(tf.math.neg(stabiliser)));
    return BatchProducts.product(tf, tf.math.div(combination, tf.math.add(normaliser, tf.constant(EPS))),
        false, v, false, false);
  }

  /**
   * The whole sequence for training and evaluation, positions before heads as a block's projections
   * give them: the native kernel where {@link NativeKernels#availableFor} the graph, else the op graph
   * chunk by chunk ({@link #chunkwise}, heads before positions, so transposed there and back).
   *
   * @param q {@code [B, S, H, d]}, and so k and v
   * @param inputGate ĩ, {@code [B, S, H]}, and so the forget gate f̃
   * @return {@code [B, S, H, d]}
   */
  public static Operand<TFloat32> sequence(Ops tf, Operand<TFloat32> q, Operand<TFloat32> k, Operand<TFloat32> v,
      Operand<TFloat32> inputGate, Operand<TFloat32> forgetGate, int width, int steps, int chunk,
      boolean differentiated) {
    if (NativeKernels.availableFor(tf)) {
      return kernel(tf, q, k, v, inputGate, forgetGate, differentiated);
    }
    Operand<TFloat32> h = chunkwise(tf, swapHeadsAndPositions(tf, q), swapHeadsAndPositions(tf, k),
        swapHeadsAndPositions(tf, v), swapHeadsAndPositions(tf, inputGate), swapHeadsAndPositions(tf, forgetGate),
        width, steps, chunk, differentiated);
    return swapHeadsAndPositions(tf, h);
  }

  /**
   * {@code [B, S, H(, d)]} as {@code [B, H, S(, d)]} and back: between {@link #sequence}'s layout and
   * {@link #chunkwise}'s.
   */
  public static Operand<TFloat32> swapHeadsAndPositions(Ops tf, Operand<TFloat32> x) {
    return tf.linalg.transpose(x, tf.constant(x.shape().numDimensions() == 4 ? new int[] {0, 2, 1, 3}
        : new int[] {0, 2, 1}));
  }

  /**
   * The same outputs as {@link #parallel}, as RuleBench's native CPU kernel ({@code
   * models-tf/src/main/c/mlstm.c}): the recurrent form of {@link #step} run over each (row, head)'s
   * sequence with the memory in the cache, and its adjoint recurrence as the gradient op, which
   * recomputes the forward states. Keys are taken unscaled, as here; the layout is {@link
   * #sequence}'s, {@code [B, S, H, d]} and gates {@code [B, S, H]}. Needs {@link
   * NativeKernels#available()}.
   *
   * @param handWrittenGradient whether training differentiates it; false builds the forward pass
   *     alone, which has no gradient
   */
  public static Operand<TFloat32> kernel(Ops tf, Operand<TFloat32> q, Operand<TFloat32> k, Operand<TFloat32> v,
      Operand<TFloat32> inputGate, Operand<TFloat32> forgetGate, boolean handWrittenGradient) {
    return NativeKernels.differentiable(tf, NativeKernels.MLSTM, handWrittenGradient, List.of(q, k, v, inputGate,
        forgetGate));
  }

  /**
   * The same outputs as {@link #parallel}, computed chunk by chunk (the library's {@code
   * chunkwise_simple}): within a chunk of {@code chunk} positions the parallel form, between chunks
   * the recurrent state {@code (C, n, m)} carried at each chunk's start. The weight matrices shrink
   * from {@code S×S} to {@code S×chunk} per head, so the arithmetic and the memory traffic of a
   * 257-position sequence drop about sevenfold at chunk 32; every exponent is still a difference
   * taken before {@code exp} and at most 0, and the stabiliser of each output is the same row
   * maximum as in the parallel form, so the two agree to rounding.
   *
   * @param q {@code [B, H, S, d]}, S = {@code steps}
   * @param chunk the chunk length to aim for; the S positions are cut into ⌈S/chunk⌉ chunks of equal
   *     length (the last padded), so a chunk at least S long is the plain parallel form
   * @param differentiated whether the training step will ask for the gradient (see {@link
   *     BatchProducts#product})
   */
  public static Operand<TFloat32> chunkwise(Ops tf, Operand<TFloat32> q, Operand<TFloat32> k, Operand<TFloat32> v,
      Operand<TFloat32> inputGate, Operand<TFloat32> forgetGate, int width, int steps, int chunk,
      boolean differentiated) {
    int chunks = Math.max(1, (steps + chunk - 1) / chunk);
    int length = (steps + chunks - 1) / chunks;
    int padded = chunks * length;
    Operand<TInt32> last = tf.constant(-1);
    // [B, H, N, K, d] and [B, H, N, K]: zeros after the end change no earlier output
    Operand<TFloat32> qs = chunked(tf, q, steps, padded, chunks, length, true);
    Operand<TFloat32> ks = scale(tf, chunked(tf, k, steps, padded, chunks, length, true), width);
    Operand<TFloat32> vs = chunked(tf, v, steps, padded, chunks, length, true);
    Operand<TFloat32> is = chunked(tf, inputGate, steps, padded, chunks, length, false);
    Operand<TFloat32> cumulative = tf.math.cumsum(logSigmoid(tf, chunked(tf, forgetGate, steps, padded, chunks,
        length, false)), last); // F_j = Σ_{r≤j} log f_r within the chunk
    // within a chunk: log-weight of s in t, F_t − F_s + ĩ_s for s ≤ t
    Operand<TFloat32> local = tf.select(causal(tf, cumulative), tf.math.add(tf.math.sub(tf.expandDims(cumulative,
        last), tf.expandDims(cumulative, tf.constant(-2))), tf.expandDims(is, tf.constant(-2))),
        tf.constant(MINUS_INFINITY));
    Operand<TFloat32> localMax = tf.max(local, last); // [B, H, N, K]
    // what each chunk adds to the state, weighted as seen from its last position: F_end − F_s + ĩ_s
    Operand<TFloat32> total = tf.gather(cumulative, tf.constant(length - 1), tf.constant(3)); // [B, H, N]
    Operand<TFloat32> toEnd = tf.math.add(tf.math.sub(tf.expandDims(total, last), cumulative), is);
    Operand<TFloat32> chunkMax = tf.max(toEnd, last); // [B, H, N]
    Operand<TFloat32> endWeights = tf.math.exp(tf.math.sub(toEnd, tf.expandDims(chunkMax, last)));
    Operand<TFloat32> weightedKeys = tf.math.mul(ks, tf.expandDims(endWeights, last)); // [B, H, N, K, d]
    Operand<TFloat32> chunkMemory = BatchProducts.product(tf, weightedKeys, true, vs, false, differentiated);
    Operand<TFloat32> chunkNormaliser = tf.sum(weightedKeys, tf.constant(-2)); // [B, H, N, d]
    // the carried state at each chunk's start, chunk after chunk
    List<Output<TFloat32>> totals = tf.unstack(total, (long) chunks, Unstack.axis(2L)).output();
    List<Output<TFloat32>> maxima = tf.unstack(chunkMax, (long) chunks, Unstack.axis(2L)).output();
    List<Output<TFloat32>> memories = tf.unstack(chunkMemory, (long) chunks, Unstack.axis(2L)).output();
    List<Output<TFloat32>> normalisers = tf.unstack(chunkNormaliser, (long) chunks, Unstack.axis(2L)).output();
    List<Operand<TFloat32>> ms = new ArrayList<>();
    List<Operand<TFloat32>> cs = new ArrayList<>();
    List<Operand<TFloat32>> ns = new ArrayList<>();
    Operand<TFloat32> m = tf.fill(tf.shape(totals.get(0)), tf.constant(MINUS_INFINITY));
    Operand<TFloat32> c = tf.zerosLike(memories.get(0));
    Operand<TFloat32> n = tf.zerosLike(normalisers.get(0));
    for (int j = 0; j < chunks; j++) {
      ms.add(m);
      cs.add(c);
      ns.add(n);
      if (j == chunks - 1) {
        break;
      }
      Operand<TFloat32> decayed = tf.math.add(totals.get(j), m);
      Operand<TFloat32> next = tf.math.maximum(decayed, maxima.get(j));
      Operand<TFloat32> keep = tf.math.exp(tf.math.sub(decayed, next));
      Operand<TFloat32> add = tf.math.exp(tf.math.sub(maxima.get(j), next));
      c = tf.math.add(tf.math.mul(expand(tf, keep, 2), c), tf.math.mul(expand(tf, add, 2), memories.get(j)));
      n = tf.math.add(tf.math.mul(expand(tf, keep, 1), n), tf.math.mul(expand(tf, add, 1), normalisers.get(j)));
      m = next;
    }
    Operand<TFloat32> startM = tf.stack(ms, Stack.axis(2L)); // [B, H, N]
    Operand<TFloat32> startC = tf.stack(cs, Stack.axis(2L)); // [B, H, N, d, d]
    Operand<TFloat32> startN = tf.stack(ns, Stack.axis(2L)); // [B, H, N, d]
    // each output's stabiliser: the larger of the carried and the in-chunk log-weights
    Operand<TFloat32> carried = tf.math.add(cumulative, tf.expandDims(startM, last)); // [B, H, N, K]
    Operand<TFloat32> stabiliser = tf.math.maximum(carried, localMax);
    Operand<TFloat32> weights = tf.math.exp(tf.math.sub(local, tf.expandDims(stabiliser, last)));
    Operand<TFloat32> combination = tf.math.mul(BatchProducts.product(tf, qs, false, ks, true, differentiated),
        weights);
    Operand<TFloat32> carriedScale = tf.expandDims(tf.math.exp(tf.math.sub(carried, stabiliser)), last);
    Operand<TFloat32> numerator = tf.math.add(BatchProducts.product(tf, combination, false, vs, false, differentiated),
        tf.math.mul(carriedScale, BatchProducts.product(tf, qs, false, startC, false, differentiated)));
    Operand<TFloat32> denominator = tf.math.add(tf.sum(combination, last, Sum.keepDims(true)),
        tf.math.mul(carriedScale, BatchProducts.product(tf, qs, false, tf.expandDims(startN, last), false,
            differentiated)));
    Operand<TFloat32> normaliser = tf.math.maximum(tf.math.abs(denominator), tf.expandDims(tf.math.exp(
        tf.math.neg(stabiliser)), last));
    Operand<TFloat32> h = tf.math.div(numerator, tf.math.add(normaliser, tf.constant(EPS)));
    // back to [B, H, S, d]
    Operand<TFloat32> flat = tf.reshape(h, tf.concat(List.of(tf.slice(tf.shape(h), tf.constant(new int[] {0}),
        tf.constant(new int[] {2})), tf.constant(new int[] {padded, width})), tf.constant(0)));
    return padded == steps ? flat : tf.slice(flat, tf.constant(new int[] {0, 0, 0, 0}),
        tf.constant(new int[] {-1, -1, steps, -1}));
  }

  /** {@code [B, H, S(, d)]} padded with zeros to P positions and cut into {@code [B, H, N, K(, d)]}. */
  private static Operand<TFloat32> chunked(Ops tf, Operand<TFloat32> x, int steps, int padded, int chunks,
      int length, boolean vectors) {
    Operand<TFloat32> full = x;
    if (padded != steps) {
      int[][] pad = vectors ? new int[][] {{0, 0}, {0, 0}, {0, padded - steps}, {0, 0}}
          : new int[][] {{0, 0}, {0, 0}, {0, padded - steps}};
      full = tf.pad(x, tf.constant(pad), tf.constant(0f));
    }
    Operand<TInt32> leading = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {2}));
    Operand<TInt32> trailing = tf.constant(vectors ? new int[] {chunks, length, -1} : new int[] {chunks, length});
    return tf.reshape(full, tf.concat(List.of(leading, trailing), tf.constant(0)));
  }

  private static Operand<TFloat32> expand(Ops tf, Operand<TFloat32> x, int times) {
    Operand<TFloat32> y = x;
    for (int i = 0; i < times; i++) {
      y = tf.expandDims(y, tf.constant(-1));
    }
    return y;
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
    Operand<TInt32> column = tf.constant(-1);
    // the input gate goes on the key ([R, H, d]) before the outer product, not on the product: one
    // pass less over the [R, H, d, d] memory, which dominates a decoding step
    Operand<TFloat32> gatedKey = tf.math.mul(tf.expandDims(i, column), scale(tf, k, width));
    Memory memory = NativeKernels.availableFor(tf) ? memoryKernel(tf, state.c(), gatedKey, v, q, f)
        : memoryOpGraph(tf, state.c(), gatedKey, v, q, f);
    Operand<TFloat32> c = memory.c();
    Operand<TFloat32> numerator = memory.numerator();
    Operand<TFloat32> n = tf.math.add(tf.math.mul(tf.expandDims(f, column), state.n()), gatedKey);
    Operand<TFloat32> qn = tf.sum(tf.math.mul(q, n), column);
    Operand<TFloat32> denominator = tf.math.add(tf.math.maximum(tf.math.abs(qn), tf.math.exp(tf.math.neg(m))),
        tf.constant(EPS));
    Operand<TFloat32> h = tf.math.div(numerator, tf.expandDims(denominator, column));
    return new Step(h, new State(c, n, m));
  }

  /** A step's new matrix memories {@code [R, H, d, d]} and their read-out {@code qᵀC} {@code [R, H, d]}. */
  public record Memory(Operand<TFloat32> c, Operand<TFloat32> numerator) {}

  /**
   * {@code C' = f·C + k ⊗ v} and {@code qᵀC'} as ops: an outer product, a decay, a sum and a batched
   * product, each streaming the memories.
   *
   * @param c {@code [R, H, d, d]}
   * @param key {@code [R, H, d]}, scaled and gated
   * @param f {@code [R, H]}, the forget gate
   */
  public static Memory memoryOpGraph(Ops tf, Operand<TFloat32> c, Operand<TFloat32> key, Operand<TFloat32> v,
      Operand<TFloat32> q, Operand<TFloat32> f) {
    Operand<TInt32> column = tf.constant(-1);
    Operand<TFloat32> outer = tf.linalg.einsum(List.of(key, v), "rhi,rhj->rhij");
    Operand<TFloat32> next = tf.math.add(tf.math.mul(tf.expandDims(tf.expandDims(f, column), column), c), outer);
    // Eigen's product: one token's is too small for oneDNN's cost per call (see BatchProducts)
    Operand<TFloat32> numerator = tf.squeeze(tf.train.batchMatMul(tf.expandDims(q, tf.constant(-2)), next,
        TFloat32.class), Squeeze.axis(List.of(2L)));
    return new Memory(next, numerator);
  }

  /**
   * The same as RuleBench's native kernel ({@code models-tf/src/main/c/mlstm_step.c}): each head's
   * memory read and written once. One thread, as every decoding op. Needs {@link
   * NativeKernels#available()}.
   */
  public static Memory memoryKernel(Ops tf, Operand<TFloat32> c, Operand<TFloat32> key, Operand<TFloat32> v,
      Operand<TFloat32> q, Operand<TFloat32> f) {
    Operation step = NativeKernels.op(tf, NativeKernels.MLSTM_STEP, 1, c, key, v, q, f);
    return new Memory(step.output(0), step.output(1));
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
