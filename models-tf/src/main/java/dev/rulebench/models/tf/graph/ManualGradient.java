package dev.rulebench.models.tf.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.IdentityN;
import org.tensorflow.types.TFloat32;

/**
 * Subgraphs whose gradient is written by hand instead of being derived op by op.
 *
 * <p>Recurrences unrolled over hundreds of steps (Mamba's selective scan) give TensorFlow's
 * automatic differentiation thousands of tiny ops, each gradient wrapped in shape bookkeeping: a
 * graph three times larger and a step about twice slower than the hand-derived adjoint recurrence.
 * This class lets a layer supply that adjoint itself, at the cost of one custom gradient for the
 * whole project, however many subgraphs use it.
 *
 * <p>How: {@link #attach} passes the subgraph's outputs (behind {@code StopGradient}) and its inputs
 * through one {@code IdentityN} op, an op TensorFlow Java cannot differentiate, and the gradient
 * registered here for {@code IdentityN} looks up the subgraph's {@link Backward} by graph and op
 * name. The forward values are untouched; only the gradient path changes. Each subgraph's gradient
 * is built once (by the training step's one gradient call), which also drops the backward pass from
 * the registry; asking twice is refused. Attach only where a gradient will be asked for (training):
 * a pending backward pass keeps its graph reachable.
 */
public final class ManualGradient {

  /** The backward pass of one subgraph. */
  @FunctionalInterface
  public interface Backward {

    /**
     * Builds the gradient of every input.
     *
     * @param upstream the gradient of each output, or null where the loss does not reach that output
     * @return the gradient of each input, in input order; null for an input that gets none
     */
    List<Operand<TFloat32>> gradients(Ops tf, List<Operand<TFloat32>> upstream);
  }

  private record Pending(Backward backward, int outputs) {}

  /** Backward passes not built yet, per graph and marker op name. */
  private static final Map<ExecutionEnvironment, Map<String, Pending>> PENDING = new WeakHashMap<>();

  static {
    CustomGradients.ensureRegistered(IdentityN.OP_NAME, IdentityN.Inputs.class, ManualGradient::gradient);
  }

  private ManualGradient() {}

  /**
   * Gives a subgraph a hand-written gradient.
   *
   * @param inputs what the gradient flows to (the subgraph's float inputs)
   * @param outputs the subgraph's results, computed from {@code inputs}
   * @return the same values as {@code outputs}, differentiated by {@code backward}
   */
  public static synchronized List<Operand<TFloat32>> attach(Ops tf, List<? extends Operand<TFloat32>> inputs,
      List<? extends Operand<TFloat32>> outputs, Backward backward) {
    List<Operand<?>> passed = new ArrayList<>();
    for (Operand<TFloat32> output : outputs) {
      passed.add(tf.stopGradient(output));
    }
    passed.addAll(inputs);
    IdentityN marker = tf.identityN(passed);
    PENDING.computeIfAbsent(marker.op().env(), g -> new HashMap<>())
        .put(marker.op().name(), new Pending(backward, outputs.size()));
    List<Operand<TFloat32>> results = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> result = (Operand<TFloat32>) marker.output().get(i);
      results.add(result);
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  private static synchronized List<Operand<?>> gradient(Ops tf, IdentityN.Inputs op, List<Output<?>> upstream) {
    String name = op.getOutputs().op().name();
    Map<String, Pending> graph = PENDING.get(op.getOutputs().op().env());
    Pending pending = graph == null ? null : graph.remove(name);
    if (pending == null) {
      throw new IllegalStateException("no hand-written gradient for IdentityN op " + name
          + ": it was not made by ManualGradient.attach, or its gradient was already built once");
    }
    List<Operand<TFloat32>> outputGradients = new ArrayList<>();
    for (int i = 0; i < pending.outputs(); i++) {
      Output<?> g = upstream.get(i);
      outputGradients.add(Outputs.exists(g) ? (Operand<TFloat32>) g : null);
    }
    List<Operand<?>> inputs = new ArrayList<>();
    op.input.forEach(inputs::add);
    List<Operand<TFloat32>> inputGradients = pending.backward().gradients(tf, outputGradients);
    if (inputGradients.size() != inputs.size() - pending.outputs()) {
      throw new IllegalStateException("the backward pass of " + name + " returned " + inputGradients.size()
          + " gradients for " + (inputs.size() - pending.outputs()) + " inputs");
    }
    List<Operand<?>> result = new ArrayList<>();
    // the stopped outputs: never reached (StopGradient ends the path), so never computed
    for (int i = 0; i < pending.outputs(); i++) {
      result.add(tf.zerosLike(inputs.get(i)));
    }
    for (int i = 0; i < inputGradients.size(); i++) {
      Operand<TFloat32> g = inputGradients.get(i);
      result.add(g != null ? g : tf.zerosLike(inputs.get(pending.outputs() + i)));
    }
    return result;
  }
}
