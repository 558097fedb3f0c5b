package dev.rulebench.models.tf.layers;

import dev.rulebench.models.tf.graph.ManualGradient;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.graph.RunAfter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Mamba's selective scan, the linear recurrence at the heart of each mixer, per channel d and state
 * entry n:
 *
 * <pre>
 *   h_t = exp(Δ_t[d] · A[d, n]) · h_{t−1} + Δ_t[d] · x_t[d] · B_t[n],   h_{−1} = 0
 *   y_t[d] = Σ_n C_t[n] · h_t[d, n]
 * </pre>
 *
 * <p><b>Two forms.</b> Where {@link NativeKernels} has it, the scan is RuleBench's native kernel
 * ({@link #kernel}, {@code models-tf/src/main/c/selective_scan.c}): each batch row runs the recurrence
 * with its state in the cache, and its gradient op recomputes the states instead of storing them.
 * The model runs it as {@link #gated}: one kernel that also computes the step sizes' softplus and the
 * output's skip term and gate, which as ops were 20 to 30 more nodes per layer and pass over
 * {@code [B·L, D]} tensors; the plain {@link #kernel} is what the tests check in depth against the op
 * graph.
 * Elsewhere it is the op graph ({@link #opGraph}) that the rest of this comment describes, which is
 * also the reference the kernel is tested against.
 *
 * <p><b>Why the recurrence itself, not a parallel scan.</b> The state of one layer over a paper
 * batch has {@code B·L·D·N} = 128·257·64·16 = 34 M entries: every op over all of it streams 135 MB
 * through memory, about 10 ms on this machine. A parallel form (cumulative sums of log-decays,
 * chunked so that {@code exp} of their differences cannot overflow, or a Blelloch scan as mamba.py's
 * {@code pscan}) needs a dozen such passes forward and twice as many backward, and its log-decay
 * differences must be clamped or chunked again to survive extreme decays. The recurrence does the
 * minimum arithmetic, cannot cancel, and cannot overflow where the model's own state would not.
 *
 * <p><b>How it is laid out.</b> Time is cut into blocks of {@value #BLOCK} steps. Everything that
 * does not depend on the state (the decays {@code exp(Δ ⊗ A)}, the inputs {@code Δx ⊗ B}, the
 * outputs' contraction with C, and in the backward pass every parameter gradient) is computed for a
 * whole block at once, on tensors of a few MB that stay in the L3 cache; only {@code h ← a·h + u}
 * runs step by step, two ops per step. This keeps the graph small (TensorFlow Java builds an op in
 * tens of microseconds, and its own derivative of the per-step form is 20 000 ops per layer) while
 * each op still works on cache-resident data.
 *
 * <p><b>The gradient</b> is the adjoint recurrence, written by hand ({@link ManualGradient}):
 *
 * <pre>
 *   g_t = C_t · dy_t + a_{t+1} · g_{t+1}                 (g = dL/dh)
 *   dC_t = Σ_d dy_t[d] h_t[d, ·]    d(Δx)_t = Σ_n g_t B_t    dB_t = Σ_d g_t (Δx)_t
 *   dz_t = g_t · h_{t−1} · a_t   →   dΔ_t += Σ_n dz_t A,   dA = Σ_{t,b} dz_t Δ_t
 * </pre>
 *
 * <p><b>What training keeps in memory.</b> Per layer, only the forward pass's states, one {@code [L, B,
 * D, N]} tensor (135 MB at the paper's batch). The decays are recomputed block by block once the
 * layer's gradient arrives (one product and one {@code exp} per block, about 7 % more CPU per step),
 * and {@code dz} is computed one step early, {@code dz_{s+1} = (a_{s+1} · g_{s+1}) · h_s}, against the
 * stored states rather than a copy of them shifted by one step. With the decays kept, and that
 * shifted copy built for all ten layers as soon as the forward pass ended, 5.4 GB were live at the
 * step's peak (3.1 GB then; 2.9 GB by LiveMemory's count since 27 Nov), and the first step took
 * 9–11 s (4.1–4.8 s now), most of it the kernel faulting in fresh memory. {@link dev.rulebench.models.tf.graph.LiveMemory} finds such buffers.
 */
public final class SelectiveScan {

  /** Steps whose state-independent work is done together. */
  static final int BLOCK = 16;

  private SelectiveScan() {}

  /** One recurrence step of every row: the new state and the output. */
  public record Step(Operand<TFloat32> state, Operand<TFloat32> output) {}

  /**
   * The forward pass's tensors that the backward pass reuses, per block: inputs cut into blocks and
   * the states {@code [K, B, D, N]}.
   */
  private record Forward(List<Output<TFloat32>> v, List<Output<TFloat32>> b,
      List<Output<TFloat32>> c, List<Operand<TFloat32>> states) {}

  /** {@code [B, L, C]} ↔ {@code [L, B, C]}. */
  public static Operand<TFloat32> swapFirstAxes(Ops tf, Operand<TFloat32> x) {
    return tf.linalg.transpose(x, tf.constant(new int[] {1, 0, 2}));
  }

  /**
   * The scan as RuleBench's native CPU kernel ({@code models-tf/src/main/c/selective_scan.c}), on
   * batch-major inputs ({@code [B, L, D]}, {@code [B, L, N]}). It keeps no states between the
   * passes: its gradient op recomputes them, a few channels of one batch row at a time, in the
   * cache. Needs {@link NativeKernels#available()}; its threads are the training session's intra-op
   * threads.
   */
  public static Operand<TFloat32> kernel(Ops tf, Operand<TFloat32> delta, Operand<TFloat32> x, Operand<TFloat32> b,
      Operand<TFloat32> c, Operand<TFloat32> a, boolean handWrittenGradient) {
    return NativeKernels.differentiable(tf, NativeKernels.SELECTIVE_SCAN, handWrittenGradient, List.of(delta, x, b, c,
        a));
  }

  /**
   * The scan inside Mamba's mixer, over whole batch-major sequences of static length, with what
   * surrounds it there: step sizes {@code Δ = softplus(raw + dtBias)}, and the output's skip term
   * and gate, {@code (y + skip·x) · silu(z)}. The native kernel ({@link #gatedKernel}) where {@link
   * NativeKernels#availableFor} the graph (the kernels loaded, the graph not placed on a GPU), else
   * those ops around the scan's op graph ({@link #gatedOpGraph}, on time-major copies).
   *
   * @param raw {@code [B, L, D]}, the step sizes before their bias and softplus
   * @param dtBias {@code [D]}
   * @param x {@code [B, L, D]}
   * @param b {@code [B, L, N]}
   * @param c {@code [B, L, N]}
   * @param a {@code [D, N]}, negative
   * @param skip {@code [D]}, the skip term's weight (mamba.py's D)
   * @param z {@code [B, L, D]}, the gate's input
   * @param steps L
   * @param training whether training differentiates it (with the adjoint recurrence); false builds
   *     the forward pass alone, which as the native kernel has no gradient
   * @return {@code [B, L, D]}
   */
  public static Operand<TFloat32> gated(Ops tf, Operand<TFloat32> raw, Operand<TFloat32> dtBias, Operand<TFloat32> x,
      Operand<TFloat32> b, Operand<TFloat32> c, Operand<TFloat32> a, Operand<TFloat32> skip, Operand<TFloat32> z,
      int steps, boolean training) {
    if (NativeKernels.availableFor(tf)) {
      return gatedKernel(tf, raw, dtBias, x, b, c, a, skip, z, training);
    }
    return gatedOpGraph(tf, raw, dtBias, x, b, c, a, skip, z, steps, training);
  }

  /**
   * {@link #gated} as one native kernel: it computes the step sizes and the gate in the scan's own
   * loops, and its gradient op their gradients, so none of them is an op (or a tensor) of its own.
   * Its softplus and sigmoid are RuleBench's own (fast_math.h), within a few ulp of TensorFlow's.
   */
  public static Operand<TFloat32> gatedKernel(Ops tf, Operand<TFloat32> raw, Operand<TFloat32> dtBias,
      Operand<TFloat32> x, Operand<TFloat32> b, Operand<TFloat32> c, Operand<TFloat32> a, Operand<TFloat32> skip,
      Operand<TFloat32> z, boolean handWrittenGradient) {
    return NativeKernels.differentiable(tf, NativeKernels.GATED_SCAN, handWrittenGradient, List.of(raw, x, b, c, a,
        dtBias, skip, z));
  }

  /** {@link #gated} as ops around the scan's op graph: the fallback, and the kernel's reference. */
  public static Operand<TFloat32> gatedOpGraph(Ops tf, Operand<TFloat32> raw, Operand<TFloat32> dtBias,
      Operand<TFloat32> x, Operand<TFloat32> b, Operand<TFloat32> c, Operand<TFloat32> a, Operand<TFloat32> skip,
      Operand<TFloat32> z, int steps, boolean training) {
    Operand<TFloat32> y = swapFirstAxes(tf, opGraph(tf, swapFirstAxes(tf, stepSizes(tf, raw, dtBias)),
        swapFirstAxes(tf, x), swapFirstAxes(tf, b), swapFirstAxes(tf, c), a, steps, training));
    return gate(tf, y, x, skip, z);
  }

  /** {@code Δ = softplus(raw + dtBias)}: the step sizes as ops (the op graph's, and decoding's). */
  public static Operand<TFloat32> stepSizes(Ops tf, Operand<TFloat32> raw, Operand<TFloat32> dtBias) {
    return tf.math.softplus(tf.math.add(raw, dtBias));
  }

  /** {@code (y + skip·x) · silu(z)}: the skip term and the gate as ops (the op graph's, and decoding's). */
  public static Operand<TFloat32> gate(Ops tf, Operand<TFloat32> y, Operand<TFloat32> x, Operand<TFloat32> skip,
      Operand<TFloat32> z) {
    return tf.math.mul(tf.math.add(y, tf.math.mul(x, skip)), Silu.apply(tf, z));
  }

  /**
   * The scan as an op graph, blocks of {@value #BLOCK} steps (the class comment), on time-major
   * inputs ({@code [L, B, D]}, {@code [L, B, N]}; y {@code [L, B, D]}): the fallback where the native
   * kernel is not available, and the reference the kernel is tested against.
   *
   * @param handWrittenGradient whether training differentiates it with the adjoint recurrence; false
   *     builds the forward pass alone, which TensorFlow can still differentiate op by op
   */
  public static Operand<TFloat32> opGraph(Ops tf, Operand<TFloat32> delta, Operand<TFloat32> x, Operand<TFloat32> b,
      Operand<TFloat32> c, Operand<TFloat32> a, int steps, boolean handWrittenGradient) {
    int[] sizes = blockSizes(steps);
    Operand<TInt32> time = tf.constant(0);
    List<Output<TFloat32>> deltas = split(tf, delta, sizes);
    Forward f = new Forward(split(tf, tf.math.mul(delta, x), sizes), split(tf, b, sizes), split(tf, c, sizes),
        new ArrayList<>());
    List<Operand<TFloat32>> ys = new ArrayList<>();
    Operand<TFloat32> h = null;
    for (int k = 0; k < sizes.length; k++) {
      // [K, B, D, N]: the block's decays exp(Δ·A) and inputs Δx ⊗ B
      List<Output<TFloat32>> decaySteps = tf.unstack(blockDecays(tf, deltas.get(k), a), (long) sizes[k]).output();
      List<Output<TFloat32>> inputs = tf.unstack(tf.linalg.einsum(List.of(f.v().get(k), f.b().get(k)),
          "kbd,kbn->kbdn"), (long) sizes[k]).output();
      List<Operand<TFloat32>> states = new ArrayList<>();
      for (int i = 0; i < sizes[k]; i++) {
        h = h == null ? inputs.get(i) : tf.math.add(tf.math.mul(decaySteps.get(i), h), inputs.get(i));
        states.add(h);
      }
      Operand<TFloat32> blockStates = tf.stack(states);
      ys.add(contractState(tf, blockStates, f.c().get(k)));
      f.states().add(blockStates);
    }
    Operand<TFloat32> y = tf.concat(ys, time);
    if (!handWrittenGradient) {
      return y;
    }
    return ManualGradient.attach(tf, List.of(delta, x, b, c, a), List.of(y),
        (g, upstream) -> backward(g, upstream.get(0), delta, x, a, sizes, f)).get(0);
  }

  /** The adjoint recurrence, last block first; returns the gradients of Δ, x, B, C and A. */
  private static List<Operand<TFloat32>> backward(Ops tf, Operand<TFloat32> dy, Operand<TFloat32> delta,
      Operand<TFloat32> x, Operand<TFloat32> a, int[] sizes, Forward f) {
    if (dy == null) {
      return Arrays.asList(null, null, null, null, null);
    }
    Operand<TInt32> time = tf.constant(0);
    Operand<TInt32> stateAxis = tf.constant(3);
    List<Output<TFloat32>> dys = split(tf, dy, sizes); // [K, B, D]
    // The decay's gradient at step t needs h_{t−1}, a step behind the stored states. Rather than copy
    // every block of states shifted by one (a second [L, B, D, N] tensor, which TensorFlow would build
    // for all layers as soon as the forward pass ends), the gradient is computed one step early:
    // dz'_s = a_{s+1} · g_{s+1} · h_s = dz_{s+1}, against Δ_{s+1}; only [L, B, D] tensors are shifted.
    // Δ as the backward pass uses it: only once this layer's gradient arrives, so that neither its
    // shifted copy nor the recomputed decays are built for every layer as soon as the forward pass
    // ends (a data dependency: withControlDependencies is lost in a gradient's scope)
    Operand<TFloat32> lateDelta = RunAfter.after(tf, delta, dy);
    List<Output<TFloat32>> lateDeltas = split(tf, lateDelta, sizes);
    List<Output<TFloat32>> deltaNexts = split(tf, shiftEarlier(tf, lateDelta), sizes);
    int blocks = sizes.length;
    List<Operand<TFloat32>> dDeltaEarly = Arrays.asList(newArray(blocks));
    List<Operand<TFloat32>> dV = Arrays.asList(newArray(blocks));
    List<Operand<TFloat32>> dB = Arrays.asList(newArray(blocks));
    List<Operand<TFloat32>> dC = Arrays.asList(newArray(blocks));
    Operand<TFloat32> dA = null;
    Operand<TFloat32> g = null;
    List<Output<TFloat32>> laterDecays = null;
    for (int k = blocks - 1; k >= 0; k--) {
      // the decays, recomputed rather than kept from the forward pass
      List<Output<TFloat32>> decaySteps = tf.unstack(blockDecays(tf, lateDeltas.get(k), a), (long) sizes[k]).output();
      List<Output<TFloat32>> fromOutput = tf.unstack(tf.linalg.einsum(List.of(dys.get(k), f.c().get(k)),
          "kbd,kbn->kbdn"), (long) sizes[k]).output();
      Operand<TFloat32>[] gs = newArray(sizes[k]);
      Operand<TFloat32>[] carried = newArray(sizes[k]); // a_{t+1} · g_{t+1}, zero after the last step
      for (int i = sizes[k] - 1; i >= 0; i--) {
        if (g == null) {
          carried[i] = tf.zerosLike(fromOutput.get(i));
          g = fromOutput.get(i);
        } else {
          carried[i] = tf.math.mul(i + 1 < sizes[k] ? decaySteps.get(i + 1) : laterDecays.get(0), g);
          g = tf.math.add(fromOutput.get(i), carried[i]);
        }
        gs[i] = g;
      }
      Operand<TFloat32> blockG = tf.stack(Arrays.asList(gs)); // [K, B, D, N]
      Operand<TFloat32> states = f.states().get(k);
      // dz'_s = dL/d(Δ·A) at step s + 1
      Operand<TFloat32> dzEarly = tf.math.mul(tf.stack(Arrays.asList(carried)), states);
      dC.set(k, contractModel(tf, states, dys.get(k)));
      dV.set(k, contractState(tf, blockG, f.b().get(k)));
      dB.set(k, contractModel(tf, blockG, f.v().get(k)));
      dDeltaEarly.set(k, tf.sum(tf.math.mul(dzEarly, a), stateAxis));
      Operand<TFloat32> dAk = perChannel(tf, dzEarly, deltaNexts.get(k));
      dA = dA == null ? dAk : tf.math.add(dA, dAk);
      laterDecays = decaySteps;
    }
    Operand<TFloat32> dv = tf.concat(dV, time);
    Operand<TFloat32> dDelta = shiftLater(tf, tf.concat(dDeltaEarly, time), Arrays.stream(sizes).sum());
    Operand<TFloat32> dDeltaTotal = tf.math.add(dDelta, tf.math.mul(dv, x));
    return List.of(dDeltaTotal, tf.math.mul(dv, delta), tf.concat(dB, time), tf.concat(dC, time), dA);
  }

  /** {@code [K, B, D, N]}: a block's decays {@code exp(Δ ⊗ A)}. */
  private static Operand<TFloat32> blockDecays(Ops tf, Operand<TFloat32> delta, Operand<TFloat32> a) {
    return tf.math.exp(tf.math.mul(tf.expandDims(delta, tf.constant(-1)), a));
  }

  /** {@code [L, ...]} with step s holding step s + 1, and zero at the last step. */
  private static Operand<TFloat32> shiftEarlier(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> rest = tf.slice(x, tf.constant(new int[] {1, 0, 0}), tf.constant(new int[] {-1, -1, -1}));
    return tf.concat(List.of(rest, firstStepZeros(tf, x)), tf.constant(0));
  }

  /** {@code [L, ...]} with step s holding step s − 1, and zero at the first step. */
  private static Operand<TFloat32> shiftLater(Ops tf, Operand<TFloat32> x, int steps) {
    Operand<TFloat32> rest = tf.slice(x, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {steps - 1, -1, -1}));
    return tf.concat(List.of(firstStepZeros(tf, x), rest), tf.constant(0));
  }

  private static Operand<TFloat32> firstStepZeros(Ops tf, Operand<TFloat32> x) {
    return tf.zerosLike(tf.slice(x, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {1, -1, -1})));
  }

  /** {@code Σ_n s[k, b, d, n] · w[k, b, n]} → {@code [K, B, D]}, as one batched matrix product. */
  private static Operand<TFloat32> contractState(Ops tf, Operand<TFloat32> s, Operand<TFloat32> w) {
    Operand<TFloat32> product = tf.train.batchMatMul(s, tf.expandDims(w, tf.constant(-1)), TFloat32.class);
    return tf.squeeze(product, Squeeze.axis(List.of(3L)));
  }

  /** {@code Σ_d s[k, b, d, n] · w[k, b, d]} → {@code [K, B, N]}, as one batched matrix product. */
  private static Operand<TFloat32> contractModel(Ops tf, Operand<TFloat32> s, Operand<TFloat32> w) {
    Operand<TFloat32> product = tf.train.batchMatMul(tf.expandDims(w, tf.constant(2)), s, TFloat32.class);
    return tf.squeeze(product, Squeeze.axis(List.of(2L)));
  }

  /** {@code Σ_{k,b} s[k, b, d, n] · w[k, b, d]} → {@code [D, N]}: a product batched over d. */
  private static Operand<TFloat32> perChannel(Ops tf, Operand<TFloat32> s, Operand<TFloat32> w) {
    Operand<TInt32> shape = tf.shape(s);
    Operand<TInt32> channels = tf.gather(shape, tf.constant(new int[] {2, 3}), tf.constant(0));
    Operand<TFloat32> rows = tf.reshape(s, tf.concat(List.of(tf.constant(new int[] {-1}), channels), tf.constant(0)));
    Operand<TFloat32> byChannel = tf.linalg.transpose(rows, tf.constant(new int[] {1, 0, 2})); // [D, KB, N]
    Operand<TFloat32> weights = tf.expandDims(tf.linalg.transpose(tf.reshape(w,
        tf.concat(List.of(tf.constant(new int[] {-1}), tf.gather(shape, tf.constant(new int[] {2}), tf.constant(0))),
            tf.constant(0))), tf.constant(new int[] {1, 0})), tf.constant(1)); // [D, 1, KB]
    return tf.squeeze(tf.train.batchMatMul(weights, byChannel, TFloat32.class), Squeeze.axis(List.of(1L)));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32>[] newArray(int size) {
    return new Operand[size];
  }

  /** Block lengths: {@value #BLOCK} each, the last one shorter if need be. */
  private static int[] blockSizes(int steps) {
    int[] sizes = new int[(steps + BLOCK - 1) / BLOCK];
    Arrays.fill(sizes, BLOCK);
    sizes[sizes.length - 1] = steps - BLOCK * (sizes.length - 1);
    return sizes;
  }

  /** {@code x} cut along time into blocks. */
  private static List<Output<TFloat32>> split(Ops tf, Operand<TFloat32> x, int[] sizes) {
    return tf.splitV(x, tf.constant(sizes), tf.constant(0), (long) sizes.length).output();
  }

  /**
   * One step of every row, for decoding: the same arithmetic as one step of the sequence.
   *
   * @param state {@code [R, D, N]}
   * @param delta {@code [R, D]}
   * @param x {@code [R, D]}
   * @param b {@code [R, N]}
   * @param c {@code [R, N]}
   * @param a {@code [D, N]}
   */
  public static Step step(Ops tf, Operand<TFloat32> state, Operand<TFloat32> delta, Operand<TFloat32> x,
      Operand<TFloat32> b, Operand<TFloat32> c, Operand<TFloat32> a) {
    return NativeKernels.availableFor(tf) ? stepKernel(tf, state, delta, x, b, c, a)
        : stepOpGraph(tf, state, delta, x, b, c, a);
  }

  /**
   * {@link #step} as RuleBench's native kernel: one op instead of ten. One thread, as every
   * decoding op. Needs {@link NativeKernels#available()}.
   */
  public static Step stepKernel(Ops tf, Operand<TFloat32> state, Operand<TFloat32> delta, Operand<TFloat32> x,
      Operand<TFloat32> b, Operand<TFloat32> c, Operand<TFloat32> a) {
    Operation step = NativeKernels.op(tf, NativeKernels.SELECTIVE_SCAN_STEP, 1, state, delta, x, b, c, a);
    return new Step(step.output(0), step.output(1));
  }

  /** {@link #step} as ops: the fallback and the reference. */
  public static Step stepOpGraph(Ops tf, Operand<TFloat32> state, Operand<TFloat32> delta, Operand<TFloat32> x,
      Operand<TFloat32> b, Operand<TFloat32> c, Operand<TFloat32> a) {
    Operand<TFloat32> decay = tf.math.exp(tf.math.mul(tf.expandDims(delta, tf.constant(2)), a));
    // the outer product as an einsum and the contraction as a batched product: both several times
    // faster than broadcasting multiplications over [R, D, N]
    Operand<TFloat32> input = tf.linalg.einsum(List.of(tf.math.mul(delta, x), b), "rd,rn->rdn");
    Operand<TFloat32> next = tf.math.add(tf.math.mul(decay, state), input);
    Operand<TFloat32> y = tf.squeeze(tf.train.batchMatMul(next, tf.expandDims(c, tf.constant(2)), TFloat32.class),
        Squeeze.axis(List.of(2L)));
    return new Step(next, y);
  }

}
