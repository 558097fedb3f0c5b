package dev.rulebench.models.tf.graph;

import dev.rulebench.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RuleBench's own TensorFlow CPU kernels ({@code models-tf/src/main/c}), compiled by the Maven build
 * where it can (Linux x86-64 with gcc: the {@code native-kernels} profile) and loaded once per JVM
 * with {@link TensorFlow#loadLibrary}.
 *
 * <p>They are a faster form of op graphs that stay in the code as the fallback and the reference:
 * {@link #available()} is false, and layers build their op graph, where the library was not built
 * for this platform, where it fails to load, or where the user turns it off with
 * {@code -Drulebench.tf.nativeKernels=false} (to compare the two, or to rule the kernel out); and
 * {@link #availableFor} is false in a graph placed on a GPU. {@link #status()} says why, and
 * results record in their backend whether a model's graph runs a kernel. {@link #op} builds the
 * library's ops for the layers, {@link #gradients} their gradient ops.
 */
public final class NativeKernels {

  /** System property: {@code false} builds the op graphs instead of the native kernels. */
  public static final String PROPERTY = "rulebench.tf.nativeKernels";

  /** The prefix of every op the library registers. */
  public static final String OP_PREFIX = "RuleBench";

  /** Mamba's selective scan: (delta, x, b, c, a) → y. */
  public static final String SELECTIVE_SCAN = "RuleBenchSelectiveScan";
  /**
   * The scan with its step sizes' bias and softplus and its output's skip term and gate: (raw delta,
   * x, b, c, a, dt bias, skip, z) → (y + skip·x)·silu(z), y the scan with Δ = softplus(raw + dt bias).
   */
  public static final String GATED_SCAN = "RuleBenchGatedScan";
  /** One step of the scan for every row, for decoding: (state, delta, x, b, c, a) → (state', y). */
  public static final String SELECTIVE_SCAN_STEP = "RuleBenchSelectiveScanStep";
  /** The causal depthwise convolution: (x, w) → y. */
  public static final String CAUSAL_CONV = "RuleBenchCausalConv";
  /** The causal convolution with its bias and SiLU: (x, w, b) → silu(conv(x) + b). */
  public static final String CAUSAL_CONV_SILU = "RuleBenchCausalConvSilu";
  /** The sLSTM's recurrence: (gates, recurrent) → h. */
  public static final String SLSTM = "RuleBenchSlstm";
  /** The block-diagonal (headwise) linear map of width to width: (x, w) → y. */
  public static final String HEADWISE_LINEAR = "RuleBenchHeadwiseLinear";
  /**
   * The xLSTM's layer norm and per-head group norm, gains stored as offsets from 1: (x, offset
   * [groups, width], eps) → y.
   */
  public static final String GROUP_NORM = "RuleBenchGroupNorm";
  /**
   * The group norm with the mLSTM's skip and output gate: (x, offset, eps, c, z, skip [groups,
   * width]) → (norm(x) + skip·c)·silu(z).
   */
  public static final String GATED_GROUP_NORM = "RuleBenchGatedGroupNorm";
  /** One decoding step of the mLSTM's matrix memories: (c, k, v, q, f) → (c', qᵀc'). */
  public static final String MLSTM_STEP = "RuleBenchMlstmStep";
  /** The mLSTM over whole sequences: (q, k, v, input gate, forget gate) → h. */
  public static final String MLSTM = "RuleBenchMlstm";
  /** Dropout's keep mask, bit for bit the op graph's: (x, seed, threshold) → keep, shaped as x. */
  public static final String DROPOUT_MASK = "RuleBenchDropoutMask";
  /** ReLU and dropout in one, the same bits as the mask's op graph: (x, seed, threshold) → y, shaped as x. */
  public static final String RELU_DROPOUT = "RuleBenchReluDropout";
  /**
   * Causal self-attention with dropout on its weights: (qkv, key valid, seed, threshold, lookahead,
   * value scale) → (context, stats).
   */
  public static final String ATTENTION = "RuleBenchAttention";
  /** Its gradient: (the attention's inputs, context, stats, d context) → d qkv. */
  public static final String ATTENTION_GRADIENT = ATTENTION + "Grad";

  /**
   * What the library calls the gradient op of a training op: {@code <op>Grad}, which takes the op's
   * inputs and the gradient of its output and gives the gradient of each input.
   */
  private static final String GRADIENT = "Grad";

  /** Every op the library registers. */
  private static final List<String> OPS = List.of(SELECTIVE_SCAN, SELECTIVE_SCAN + GRADIENT, GATED_SCAN,
      GATED_SCAN + GRADIENT, SELECTIVE_SCAN_STEP, CAUSAL_CONV, CAUSAL_CONV + GRADIENT, CAUSAL_CONV_SILU,
      CAUSAL_CONV_SILU + GRADIENT, SLSTM, SLSTM + GRADIENT, HEADWISE_LINEAR, HEADWISE_LINEAR + GRADIENT, MLSTM_STEP,
      MLSTM, MLSTM + GRADIENT, GROUP_NORM, GROUP_NORM + GRADIENT, GATED_GROUP_NORM, GATED_GROUP_NORM + GRADIENT,
      DROPOUT_MASK, RELU_DROPOUT, ATTENTION, ATTENTION_GRADIENT);

  private static final String LIBRARY = "librulebench_kernels.so";

  private static Boolean loaded;
  private static String status;

  private NativeKernels() {}

  /** System property: threads each native kernel uses (default: the training session's intra-op threads). */
  public static final String THREADS = "rulebench.tf.kernelThreads";

  /**
   * The threads each kernel splits its batch rows over: {@value #THREADS}, else the session's intra-op
   * threads; below 1 (TensorFlow's "choose for me") all cores.
   */
  public static int threads() {
    int cores = Runtime.getRuntime().availableProcessors();
    Integer budget = BUDGET.get();
    int threads = Settings.integer(THREADS, SessionSettings.intraOpThreads(budget != null ? budget : cores));
    return threads >= 1 ? threads : cores;
  }

  /** The thread budget of the model whose graph this thread is building, if it has one. */
  private static final ThreadLocal<Integer> BUDGET = new ThreadLocal<>();

  /**
   * Gives the kernels built on this thread until {@link ThreadBudget#close()} the run's share of the
   * cores ({@link dev.rulebench.model.ModelSpec#threads()}; 0 leaves them all cores), so runs
   * training side by side do not each split their rows over every core.
   */
  public static ThreadBudget threadBudget(int threads) {
    if (threads > 0) {
      BUDGET.set(threads);
    }
    return new ThreadBudget();
  }

  /** Ends a {@link #threadBudget}. */
  public static final class ThreadBudget implements AutoCloseable {
    private ThreadBudget() {}

    @Override
    public void close() {
      BUDGET.remove();
    }
  }

  /** Builds one of the library's ops on {@code inputs}, its batch rows split over {@code threads}. */
  public static Operation op(Ops tf, String type, long threads, Operand<?>... inputs) {
    OperationBuilder builder = tf.scope().opBuilder(type, type.substring(OP_PREFIX.length()));
    for (Operand<?> input : inputs) {
      builder.addInput(input.asOutput());
    }
    return builder.setAttr("threads", threads).build();
  }

  /**
   * The gradient of each input of a training op {@code type} built on {@code inputs}, from {@code dy},
   * the gradient of its output: its gradient op.
   */
  public static List<Operand<TFloat32>> gradients(Ops tf, String type, long threads, List<? extends Operand<?>> inputs,
      Operand<?> dy) {
    List<Operand<?>> all = new ArrayList<>(inputs);
    all.add(dy);
    Operation gradients = op(tf, type + GRADIENT, threads, all.toArray(new Operand<?>[0]));
    List<Operand<TFloat32>> result = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      result.add(gradients.output(i));
    }
    return result;
  }

  /**
   * A training op with one output, on the kernels' {@link #threads()}, and, where training
   * differentiates it, its gradient op as its hand-written gradient ({@link ManualGradient}): the
   * one way the layers wire an op whose gradient op gives one gradient per input.
   *
   * @param differentiated whether training differentiates it; false builds the op alone, which has
   *     no gradient (for evaluation and decoding)
   */
  public static Operand<TFloat32> differentiable(Ops tf, String type, boolean differentiated,
      List<Operand<TFloat32>> inputs) {
    long threads = threads();
    Operand<TFloat32> y = op(tf, type, threads, inputs.toArray(new Operand<?>[0])).output(0);
    if (!differentiated) {
      return y;
    }
    return ManualGradient.attach(tf, inputs, List.of(y), (g, upstream) -> upstream.get(0) == null
        ? Collections.nCopies(inputs.size(), (Operand<TFloat32>) null)
        : gradients(g, type, threads, inputs, upstream.get(0))).get(0);
  }

  /**
   * The gradient of a training op as a TensorFlow custom gradient ({@link CustomGradients}), for
   * layers that do not know whether a gradient will be asked for: the op's gradient op, on the op's
   * own inputs and threads.
   */
  public static List<Operand<?>> customGradient(Ops tf, GraphOperation op, List<Output<?>> upstream) {
    // op.input(i), not op.inputs(): inside a gradient function the latter looks ops up by name, and
    // that waits forever on the graph's lock, which TensorFlow holds while it builds gradients
    List<Operand<?>> inputs = new ArrayList<>();
    for (int i = 0; i < op.numInputs(); i++) {
      inputs.add(op.input(i));
    }
    return List.copyOf(gradients(tf, op.type(), op.attributes().getAttrInt("threads"), inputs, upstream.get(0)));
  }

  /**
   * Whether the kernels are registered with TensorFlow in this JVM and not turned off, and the graph
   * {@code tf} builds in is not placed on a GPU (they are CPU kernels).
   */
  public static boolean availableFor(Ops tf) {
    return available() && !tf.scope().getDeviceString().toUpperCase(Locale.ROOT).contains("GPU");
  }

  /** Whether the kernels are registered with TensorFlow in this JVM and not turned off. */
  public static boolean available() {
    return !turnedOff() && load();
  }

  /** What layers build, and why: for logs. */
  public static String status() {
    if (turnedOff()) {
      return "op graphs (native kernels turned off by -D" + PROPERTY + "=false)";
    }
    load();
    return status;
  }

  private static boolean turnedOff() {
    return !Settings.bool(PROPERTY, true);
  }

  /** The class-path resource holding the library built for this platform. */
  static String resource() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String platform = (os.contains("linux") ? "linux" : os.replace(' ', '_')) + "-"
        + (arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch);
    return "/dev/rulebench/models/tf/native/" + platform + "/" + LIBRARY;
  }

  private static synchronized boolean load() {
    if (loaded != null) {
      return loaded;
    }
    loaded = false;
    String resource = resource();
    try (InputStream in = NativeKernels.class.getResourceAsStream(resource)) {
      if (in == null) {
        // expected off Linux x86-64, or where the build had no gcc: not worth a warning
        status = "op graphs (no native kernels built for this platform: " + resource + " is not on the class path)";
        return false;
      }
      // TensorFlow opens the library by file name, so it is copied out of the jar once per JVM
      Path file = Files.createTempFile("rulebench-kernels", ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      TensorFlow.loadLibrary(file.toString());
      Set<String> registered = new HashSet<>();
      TensorFlow.registeredOpList().getOpList().forEach(op -> registered.add(op.getName()));
      loaded = registered.containsAll(OPS);
      status = loaded ? "native kernels (" + LIBRARY + ")"
          : "op graphs (" + LIBRARY + " did not register all of " + OPS + ")";
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      status = "op graphs (" + LIBRARY + " failed to load: " + e.getMessage() + ")";
    }
    if (!loaded) {
      System.err.println("RuleBench: " + status + "; the layers build op graphs instead");
    }
    return loaded;
  }
}
