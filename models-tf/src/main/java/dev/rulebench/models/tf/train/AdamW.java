package dev.rulebench.models.tf.train;

import dev.rulebench.model.OptimizerSettings;
import dev.rulebench.models.tf.graph.Outputs;
import dev.rulebench.models.tf.graph.Parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * AdamW exactly as PyTorch's {@code torch.optim.AdamW} steps it, with the learning rate fed at
 * every step (the schedule lives in the trainer).
 *
 * <p>Per parameter: first the decoupled decay {@code p ← p·(1 − lr·wd)}, then TensorFlow's fused
 * {@code ApplyAdam}. ApplyAdam adds its ε to √v before the bias correction, PyTorch after; feeding
 * it {@code ε·√(1 − β₂ᵗ)} makes the two identical: {@code p −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)}.
 * The step count t lives in a variable, so it is checkpointed with the moments. A parameter the
 * loss does not reach is left alone, decay included, as PyTorch skips parameters without a
 * gradient.
 *
 * <p>The variables are TensorFlow reference variables, read in place by the forward and backward
 * passes; every update therefore waits for all gradients (a barrier), so no backward op can read a
 * weight that this step already changed.
 */
public final class AdamW {

  private final List<Variable<?>> state = new ArrayList<>();
  private final Op update;

  /**
   * Builds the update of every parameter for a loss.
   *
   * @param learningRate a scalar fed at every step
   */
  public AdamW(Ops tf, List<Parameter> parameters, Operand<TFloat32> loss, Operand<TFloat32> learningRate,
      OptimizerSettings settings) {
    List<Operand<?>> variables = new ArrayList<>();
    for (Parameter p : parameters) {
      variables.add(p.variable());
    }
    Gradients gradients = tf.gradients(loss, variables);

    Ops init = tf.withInitScope();
    Variable<TInt64> steps = tf.withName("adamw.steps").variable(init.constant(0L));
    state.add(steps);

    List<Op> barrier = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (Outputs.exists(gradients.dy(i))) {
        barrier.add(tf.identity(gradients.<TFloat32>dy(i)));
      }
    }
    Ops after = tf.withControlDependencies(barrier);
    Operand<TFloat32> t = after.dtypes.cast(after.math.add(steps, after.constant(1L)), TFloat32.class);
    float beta1 = (float) settings.beta1();
    float beta2 = (float) settings.beta2();
    Operand<TFloat32> beta1Power = after.math.pow(after.constant(beta1), t);
    Operand<TFloat32> beta2Power = after.math.pow(after.constant(beta2), t);
    Operand<TFloat32> epsilon = after.math.mul(after.constant((float) settings.epsilon()),
        after.math.sqrt(after.math.sub(after.constant(1f), beta2Power)));
    Operand<TFloat32> keep = after.math.sub(after.constant(1f),
        after.math.mul(learningRate, after.constant((float) settings.weightDecay())));

    List<Op> applied = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      String name = p.name().replace('/', '.');
      Variable<TFloat32> m = tf.withName(name + ".adam_m").variable(zeros(init, p));
      Variable<TFloat32> v = tf.withName(name + ".adam_v").variable(zeros(init, p));
      state.add(m);
      state.add(v);
      Output<TFloat32> gradient = gradients.dy(i);
      if (!Outputs.exists(gradient)) {
        continue;
      }
      Op decay = after.assign(p.variable(), after.math.mul(p.variable(), keep));
      applied.add(after.withControlDependencies(List.of(decay)).train.applyAdam(p.variable(), m, v, beta1Power,
          beta2Power, learningRate, after.constant(beta1), after.constant(beta2), epsilon, gradient));
    }
    this.update = tf.withControlDependencies(applied).assignAdd(steps, tf.constant(1L));
  }

  private static Operand<TFloat32> zeros(Ops init, Parameter p) {
    return init.fill(init.constant(p.shape()), init.constant(0f));
  }

  /** The op that applies one step; run it together with the loss it was built for. */
  public Op update() {
    return update;
  }

  /** The optimizer's own variables: the step count, then each parameter's two moments. */
  public List<Variable<?>> state() {
    return List.copyOf(state);
  }
}
