package dev.rulebench.models.tf.graph;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.CustomGradient;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.op.RawOpInputs;

/**
 * The one place that registers gradients for ops TensorFlow Java 1.1.0 cannot differentiate.
 *
 * <p>TensorFlow Java 1.1.0 keeps at most {@value #JVM_LIMIT} custom gradients per JVM and crashes
 * the JVM on the next one, and a second registration for the same op type is an error. So every
 * registration goes through here: once per op type per JVM, counted against the limit, refused with
 * a clear message before the limit would be crossed.
 *
 * <p>Registered so far by RuleBench: {@code BlockLSTMV2} (the fused LSTM, {@link
 * dev.rulebench.models.tf.layers.Lstm}), {@code IdentityN} (the marker of every hand-written
 * subgraph gradient, {@link ManualGradient}: Mamba's selective scan, the xLSTM recurrences and the
 * oneDNN products of {@link BatchProducts} share this one slot), and two of RuleBench's native
 * kernels, {@code RuleBenchCausalConv} ({@link dev.rulebench.models.tf.layers.CausalConv}) and {@code
 * RuleBenchHeadwiseLinear} ({@link dev.rulebench.models.tf.layers.HeadwiseLinear}). Keep this list in
 * step when adding one.
 */
public final class CustomGradients {

  /** Custom gradients TensorFlow Java 1.1.0 allows in one JVM. */
  public static final int JVM_LIMIT = 10;

  private static final Set<String> REGISTERED = new LinkedHashSet<>();

  private CustomGradients() {}

  /**
   * Registers a gradient for an op type unless this JVM already has one from here.
   *
   * @param opType the op's registered name, e.g. {@code BlockLSTMV2}
   * @param inputs the op's generated {@code Inputs} class
   * @throws IllegalStateException if the JVM-wide limit would be crossed or TensorFlow refuses
   */
  public static synchronized <T extends RawOpInputs<?>> void ensureRegistered(
      String opType, Class<T> inputs, CustomGradient<T> gradient) {
    register(opType, () -> TensorFlow.registerCustomGradient(inputs, gradient));
  }

  /**
   * Registers a gradient for an op type that has no generated {@code Inputs} class (RuleBench's own
   * native ops, {@link NativeKernels}) unless this JVM already has one from here.
   *
   * @throws IllegalStateException if the JVM-wide limit would be crossed or TensorFlow refuses
   */
  public static synchronized void ensureRegistered(String opType, RawCustomGradient gradient) {
    register(opType, () -> TensorFlow.registerCustomGradient(opType, gradient));
  }

  private static void register(String opType, BooleanSupplier registration) {
    if (REGISTERED.contains(opType)) {
      return;
    }
    if (REGISTERED.size() >= JVM_LIMIT) {
      throw new IllegalStateException("cannot register a gradient for " + opType + ": TensorFlow Java allows "
          + JVM_LIMIT + " custom gradients per JVM and these are taken: " + REGISTERED);
    }
    if (!registration.getAsBoolean()) {
      throw new IllegalStateException("TensorFlow refused a custom gradient for " + opType
          + " (another library may have registered one already)");
    }
    REGISTERED.add(opType);
  }

  /** The op types registered from here in this JVM, in order. */
  public static synchronized List<String> registered() {
    return List.copyOf(REGISTERED);
  }
}
