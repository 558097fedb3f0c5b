package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.ManualGradient;
import dev.rulebench.models.tf.graph.NativeKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
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
 * 0" case, the same as {@code m_{−1} = −∞}).
 *
 * <p>It is truly recurrent (h feeds the gates). Where {@link NativeKernels} has it, training runs it
 * as RuleBench's native kernel ({@link #kernel}, {@code models-tf/src/main/c/slstm.c}), which loops
 * over the steps of each batch row and follows the backward pass below. Elsewhere ({@link #opGraph},
 * also the kernel's reference) training unrolls it. TensorFlow's own derivative
 * of 257 unrolled steps is about 34 000 ops, which makes the first step of a paper-scale model take
 * half a minute; the backward pass here is written by hand ({@link ManualGradient}) with the
 * step-independent factors computed for all steps at once, leaving 17 small ops per step. It uses
 * that the stabiliser cancels out of h (c and n are both scaled by {@code exp(−m_t)}), so the exact
 * gradient treats m as a constant:
 *
 * <pre>
 *   dh_t = dy_t + dpre_{t+1} Rᵀ
 *   dc_t = dh_t σ(õ)/n_t + dc_{t+1} f_{t+1}        dn_t = −dh_t h_t/n_t + dn_{t+1} f_{t+1}
 *   dĩ = (dc_t tanh z̃ + dn_t) i_t     df̃ = (dc_t c_{t−1} + dn_t n_{t−1}) f_t σ(−f̃)
 *   dz̃ = dc_t i_t (1 − tanh² z̃)      dõ = dh_t (c_t/n_t) σ(õ)(1 − σ(õ))
 * </pre>
 *
 * with {@code i_t = exp(ĩ − m_t)}, {@code f_t = exp(log σ(f̃) + m_{t−1} − m_t)} and
 * {@code dR = Σ_t h_{t−1}ᵀ dpre_t}.
 */
public final class SlstmCell {

  private SlstmCell() {}

  /** The carried state, each {@code [R, width]}. */
  public record State(Operand<TFloat32> h, Operand<TFloat32> c, Operand<TFloat32> n, Operand<TFloat32> m) {}

  /** What one step keeps for the backward pass, each {@code [B, width]}. */
  private record Kept(Operand<TFloat32> input, Operand<TFloat32> forget, Operand<TFloat32> forgetSlope,
      Operand<TFloat32> cellInput, Operand<TFloat32> output, Operand<TFloat32> c, Operand<TFloat32> n,
      Operand<TFloat32> h) {}

  /**
   * The whole sequence, batch-major: the native kernel where {@link NativeKernels#availableFor} the
   * graph, else the op graph (on time-major copies).
   *
   * @param inputs W x_t + b, {@code [B, L, 4·width]}, gates in the order ĩ, f̃, z̃, õ
   * @param recurrent R as a dense block-diagonal {@code [width, 4·width]}
   * @param steps L
   * @param training whether training differentiates it (with the hand-written backward pass); false
   *     builds the forward pass alone, which as the native kernel has no gradient
   * @return h, {@code [B, L, width]}
   */
  public static Operand<TFloat32> sequence(Ops tf, Operand<TFloat32> inputs, Operand<TFloat32> recurrent,
      int steps, boolean training) {
    if (NativeKernels.availableFor(tf)) {
      return kernel(tf, inputs, recurrent, training);
    }
    return SelectiveScan.swapFirstAxes(tf, opGraph(tf, SelectiveScan.swapFirstAxes(tf, inputs), recurrent, steps,
        training));
  }

  /**
   * The sequence as RuleBench's native CPU kernel ({@code models-tf/src/main/c/slstm.c}), on
   * batch-major inputs as {@link #sequence}; its gradient op recomputes each row's forward values
   * and runs the backward pass of this class's comment. Needs {@link NativeKernels#available()}.
   */
  public static Operand<TFloat32> kernel(Ops tf, Operand<TFloat32> inputs, Operand<TFloat32> recurrent,
      boolean handWrittenGradient) {
    return NativeKernels.differentiable(tf, NativeKernels.SLSTM, handWrittenGradient, List.of(inputs, recurrent));
  }

  /**
   * The sequence as an op graph, unrolled over time-major inputs ({@code [L, B, 4·width]} → h {@code
   * [L, B, width]}): the fallback where the native kernel is not available, and its reference.
   *
   * @param handWrittenGradient whether training differentiates it with the hand-written backward
   *     pass; false builds the forward pass alone, which TensorFlow can still differentiate op by op
   */
  public static Operand<TFloat32> opGraph(Ops tf, Operand<TFloat32> inputs, Operand<TFloat32> recurrent,
      int steps, boolean handWrittenGradient) {
    List<Output<TFloat32>> perStep = tf.unstack(inputs, (long) steps).output();
    Operand<TInt32> gateAxis = tf.constant(1);
    List<Kept> kept = new ArrayList<>(steps);
    State state = null;
    for (int t = 0; t < steps; t++) {
      if (state == null) {
        List<Output<TFloat32>> g = tf.split(gateAxis, perStep.get(t), 4L).output();
        // m_0 = ĩ: the input gate is exp(0) = 1 and nothing is carried
        Operand<TFloat32> cellInput = tf.math.tanh(g.get(2));
        Operand<TFloat32> output = tf.math.sigmoid(g.get(3));
        // n_0 = 1, broadcast (OnesLike has no gradient in TensorFlow Java)
        state = new State(tf.math.mul(output, cellInput), cellInput, tf.constant(1f), g.get(0));
        if (handWrittenGradient) {
          Operand<TInt32> shape = tf.shape(cellInput);
          Operand<TFloat32> one = tf.fill(shape, tf.constant(1f));
          Operand<TFloat32> zero = tf.fill(shape, tf.constant(0f));
          kept.add(new Kept(one, zero, zero, cellInput, output, cellInput, one, state.h()));
        }
      } else {
        Operand<TFloat32> gates = tf.math.add(perStep.get(t), tf.linalg.matMul(state.h(), recurrent));
        List<Output<TFloat32>> g = tf.split(gateAxis, gates, 4L).output();
        Operand<TFloat32> decayed = tf.math.add(MlstmCell.logSigmoid(tf, g.get(1)), state.m());
        Operand<TFloat32> m = tf.math.maximum(g.get(0), decayed);
        Operand<TFloat32> input = tf.math.exp(tf.math.sub(g.get(0), m));
        Operand<TFloat32> forget = tf.math.exp(tf.math.sub(decayed, m));
        Operand<TFloat32> cellInput = tf.math.tanh(g.get(2));
        Operand<TFloat32> output = tf.math.sigmoid(g.get(3));
        Operand<TFloat32> c = tf.math.add(tf.math.mul(forget, state.c()), tf.math.mul(input, cellInput));
        Operand<TFloat32> n = tf.math.add(tf.math.mul(forget, state.n()), input);
        state = new State(tf.math.mul(output, tf.math.div(c, n)), c, n, m);
        if (handWrittenGradient) {
          // d log σ(f̃)/df̃ = σ(−f̃)
          kept.add(new Kept(input, forget, tf.math.sigmoid(tf.math.neg(g.get(1))), cellInput, output, c, n,
              state.h()));
        }
      }
      if (!handWrittenGradient) {
        kept.add(new Kept(null, null, null, null, null, null, null, state.h()));
      }
    }
    List<Operand<TFloat32>> hs = new ArrayList<>(steps);
    kept.forEach(k -> hs.add(k.h()));
    Operand<TFloat32> h = tf.stack(hs);
    if (!handWrittenGradient) {
      return h;
    }
    return ManualGradient.attach(tf, List.of(inputs, recurrent), List.of(h),
        (g, upstream) -> backward(g, upstream.get(0), recurrent, kept, h)).get(0);
  }

  /** The adjoint of {@link #opGraph}: the gradients of the inputs and of R. */
  @SuppressWarnings("unchecked")
  private static List<Operand<TFloat32>> backward(Ops tf, Operand<TFloat32> dy, Operand<TFloat32> recurrent,
      List<Kept> kept, Operand<TFloat32> h) {
    if (dy == null) {
      return Arrays.asList(null, null);
    }
    int steps = kept.size();
    Operand<TInt32> time = tf.constant(0);
    // step-independent factors, for all steps at once: [L, B, width]
    Operand<TFloat32> input = stack(tf, kept, Kept::input);
    Operand<TFloat32> forget = stack(tf, kept, Kept::forget);
    Operand<TFloat32> cellInput = stack(tf, kept, Kept::cellInput);
    Operand<TFloat32> output = stack(tf, kept, Kept::output);
    Operand<TFloat32> c = stack(tf, kept, Kept::c);
    Operand<TFloat32> n = stack(tf, kept, Kept::n);
    Operand<TFloat32> ratio = tf.math.div(c, n);
    Operand<TFloat32> forgetFactor = tf.math.mul(forget, stack(tf, kept, Kept::forgetSlope));
    Operand<TFloat32> one = tf.constant(1f);
    List<Output<TFloat32>> toC = unstack(tf, tf.math.div(output, n), steps); // dh → dc
    List<Output<TFloat32>> toN = unstack(tf, tf.math.neg(tf.math.div(h, n)), steps); // dh → dn
    List<Output<TFloat32>> inputFromC = unstack(tf, tf.math.mul(cellInput, input), steps);
    List<Output<TFloat32>> inputFromN = unstack(tf, input, steps);
    List<Output<TFloat32>> forgetFromC = unstack(tf, tf.math.mul(shifted(tf, c, steps), forgetFactor), steps);
    List<Output<TFloat32>> forgetFromN = unstack(tf, tf.math.mul(shifted(tf, n, steps), forgetFactor), steps);
    List<Output<TFloat32>> cellFromC = unstack(tf, tf.math.mul(input, tf.math.sub(one,
        tf.math.square(cellInput))), steps);
    List<Output<TFloat32>> outputFromH = unstack(tf, tf.math.mul(ratio, tf.math.mul(output,
        tf.math.sub(one, output))), steps);
    List<Output<TFloat32>> forgets = unstack(tf, forget, steps);
    List<Output<TFloat32>> dys = unstack(tf, dy, steps);

    Operand<TFloat32>[] dGates = new Operand[steps];
    Operand<TFloat32> dc = null;
    Operand<TFloat32> dn = null;
    for (int t = steps - 1; t >= 0; t--) {
      Operand<TFloat32> dh = t == steps - 1 ? dys.get(t)
          : tf.math.add(dys.get(t), tf.linalg.matMul(dGates[t + 1], recurrent, MatMul.transposeB(true)));
      Operand<TFloat32> dcNow = tf.math.mul(dh, toC.get(t));
      Operand<TFloat32> dnNow = tf.math.mul(dh, toN.get(t));
      if (dc != null) {
        Operand<TFloat32> carried = forgets.get(t + 1);
        dcNow = tf.math.add(dcNow, tf.math.mul(dc, carried));
        dnNow = tf.math.add(dnNow, tf.math.mul(dn, carried));
      }
      dc = dcNow;
      dn = dnNow;
      Operand<TFloat32> di = tf.math.add(tf.math.mul(dc, inputFromC.get(t)), tf.math.mul(dn, inputFromN.get(t)));
      Operand<TFloat32> df = tf.math.add(tf.math.mul(dc, forgetFromC.get(t)), tf.math.mul(dn, forgetFromN.get(t)));
      dGates[t] = tf.concat(List.of(di, df, tf.math.mul(dc, cellFromC.get(t)), tf.math.mul(dh, outputFromH.get(t))),
          tf.constant(1));
    }
    Operand<TFloat32> dInputs = tf.stack(Arrays.asList(dGates)); // [L, B, 4·width]
    // dR = Σ_t h_{t−1}ᵀ dpre_t, one product over all steps and rows
    Operand<TInt32> width = tf.gather(tf.shape(recurrent), tf.constant(0), tf.constant(0));
    Operand<TFloat32> previous = tf.reshape(shifted(tf, h, steps), tf.stack(List.of(tf.constant(-1), width)));
    Operand<TFloat32> dRecurrent = tf.linalg.matMul(previous, tf.reshape(dInputs,
        tf.stack(List.of(tf.constant(-1), tf.math.mul(width, tf.constant(4))))), MatMul.transposeA(true));
    return List.of(dInputs, dRecurrent);
  }

  private static Operand<TFloat32> stack(Ops tf, List<Kept> kept, java.util.function.Function<Kept,
      Operand<TFloat32>> part) {
    List<Operand<TFloat32>> parts = new ArrayList<>(kept.size());
    kept.forEach(k -> parts.add(part.apply(k)));
    return tf.stack(parts);
  }

  private static List<Output<TFloat32>> unstack(Ops tf, Operand<TFloat32> x, int steps) {
    return tf.unstack(x, (long) steps).output();
  }

  /** {@code x} one step later: {@code [0, x_0, …, x_{L−2}]} along time. */
  private static Operand<TFloat32> shifted(Ops tf, Operand<TFloat32> x, int steps) {
    Operand<TFloat32> head = tf.slice(x, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {steps - 1, -1, -1}));
    return tf.pad(head, tf.constant(new int[][] {{1, 0}, {0, 0}, {0, 0}}), tf.constant(0f));
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
    List<Output<TFloat32>> g = tf.split(tf.constant(1), gates, 4L).output();
    Operand<TFloat32> previous = tf.select(first, tf.constant(MlstmCell.MINUS_INFINITY), state.m());
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
