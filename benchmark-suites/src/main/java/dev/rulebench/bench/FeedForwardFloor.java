package dev.rulebench.bench;

import dev.rulebench.models.tf.graph.PerSessionThreadPools;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * How fast TensorFlow's ops can do two parts of the paper Transformer's training step on their own,
 * with nothing else in the graph: a lower bound for any graph of those ops, to set beside issue
 * 3's 0.5 s target (docs/performance.md, "The roofline").
 *
 * <ol>
 *   <li>The feed-forward layers of all 7 layers, forward and backward, without dropout: {@code
 *       relu(x·W1)·W2} over 128·257 rows, 10 → 1024 → 10, and the five products and ReLU's gradient
 *       of its backward pass. Once as one block over all rows (as the model runs it: two threads per
 *       op), and cut into row chunks that each recompute their own chain, sized so that a chunk's
 *       {@code [rows, 1024]} activations stay in the cache, one thread per op and two chains at
 *       once.
 *   <li>The dropout decisions of one step: a 16-bit decision for every FFN activation and every
 *       computed attention weight (query chunks of 64), four per 64-bit draw of TensorFlow's Philox
 *       generator, as {@code layers/Dropout} draws them.
 * </ol>
 *
 * <pre>
 * java -cp benchmark-suites/target/rulebench-benchmarks.jar dev.rulebench.bench.FeedForwardFloor [repeats]
 * </pre>
 */
public final class FeedForwardFloor {

  private static final int LAYERS = 7;
  private static final long ROWS = 128L * 257;
  private static final long WIDTH = 10;
  private static final long HIDDEN = 1024;
  /** Attention weights computed per layer: 128 × 5 heads × Σ over query chunks of 64 of rows × keys. */
  private static final long ATTENTION_WEIGHTS = 128L * 5 * (64L * (64 + 128 + 192 + 256) + 257);

  private FeedForwardFloor() {}

  public static void main(String[] args) {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    // the sessions below ask for 2 and 1 threads per op: each must get what it asks for
    PerSessionThreadPools.ensure();
    System.out.printf(Locale.ROOT, "feed-forward, %d layers, %d rows, %d → %d → %d, forward + backward, no dropout%n",
        LAYERS, ROWS, WIDTH, HIDDEN, WIDTH);
    double whole = best(feedForward(1), 2, repeats);
    System.out.printf(Locale.ROOT, "  one block, 2 threads per op:                 %7.1f ms%n", whole);
    double bestChunked = Double.MAX_VALUE;
    for (int chunks : new int[] {32, 128}) {
      double chunked = best(feedForward(chunks), 1, repeats);
      bestChunked = Math.min(bestChunked, chunked);
      System.out.printf(Locale.ROOT, "  %3d chunks of %5d rows, 1 thread per op:    %7.1f ms%n", chunks, ROWS / chunks,
          chunked);
    }
    long decisions = LAYERS * (ROWS * HIDDEN + ATTENTION_WEIGHTS);
    double draws = best(dropoutDraws(decisions), 2, repeats);
    System.out.printf(Locale.ROOT, "dropout: %.2f G 16-bit decisions in %d draws:    %7.1f ms%n", decisions / 1e9,
        2 * LAYERS, draws);
    System.out.printf(Locale.ROOT, "RESULT ffn_ms=%.1f ffn_chunked_ms=%.1f dropout_ms=%.1f floor_ms=%.1f%n", whole,
        bestChunked, draws, Math.min(whole, bestChunked) + draws);
  }

  /** A graph of the feed-forward passes, rows cut into {@code chunks}; its fetches. */
  private static Built feedForward(int chunks) {
    Graph graph = new Graph();
    Ops tf = Ops.create(graph);
    Variable<TFloat32> x = tf.variable(normal(tf, ROWS, WIDTH));
    Variable<TFloat32> dy = tf.variable(normal(tf, ROWS, WIDTH));
    Variable<TFloat32> w1 = tf.variable(normal(tf, WIDTH, HIDDEN));
    Variable<TFloat32> w2 = tf.variable(normal(tf, HIDDEN, WIDTH));
    List<Operand<?>> targets = new ArrayList<>();
    for (int layer = 0; layer < LAYERS; layer++) {
      List<Operand<TFloat32>> xs = split(tf, x, chunks);
      List<Operand<TFloat32>> dys = split(tf, dy, chunks);
      List<Operand<TFloat32>> dw1 = new ArrayList<>();
      List<Operand<TFloat32>> dw2 = new ArrayList<>();
      for (int c = 0; c < chunks; c++) {
        Operand<TFloat32> h = tf.nn.relu(tf.linalg.matMul(xs.get(c), w1));
        targets.add(tf.linalg.matMul(h, w2));
        Operand<TFloat32> dPre = tf.nn.reluGrad(tf.linalg.matMul(dys.get(c), w2, MatMul.transposeB(true)), h);
        dw2.add(tf.linalg.matMul(h, dys.get(c), MatMul.transposeA(true)));
        dw1.add(tf.linalg.matMul(xs.get(c), dPre, MatMul.transposeA(true)));
        targets.add(tf.linalg.matMul(dPre, w1, MatMul.transposeB(true)));
      }
      targets.add(chunks == 1 ? dw1.get(0) : tf.math.addN(dw1));
      targets.add(chunks == 1 ? dw2.get(0) : tf.math.addN(dw2));
    }
    return new Built(graph, targets);
  }

  /** A graph that draws {@code decisions} 16-bit decisions as 64-bit words, in two draws per layer. */
  private static Built dropoutDraws(long decisions) {
    Graph graph = new Graph();
    Ops tf = Ops.create(graph);
    List<Operand<?>> targets = new ArrayList<>();
    long perDraw = (decisions / (2L * LAYERS) + 3) / 4;
    for (int d = 0; d < 2 * LAYERS; d++) {
      targets.add(tf.random.statelessRandomUniformFullInt(tf.constant(new long[] {perDraw}),
          tf.constant(new long[] {d, 7}), TInt64.class));
    }
    return new Built(graph, targets);
  }

  private record Built(Graph graph, List<Operand<?>> targets) {}

  private static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> x, int chunks) {
    if (chunks == 1) {
      return List.of(x);
    }
    return new ArrayList<>(tf.split(tf.constant(0), x, (long) chunks).output());
  }

  private static Operand<TFloat32> normal(Ops tf, long... shape) {
    return tf.random.statelessRandomNormal(tf.constant(shape), tf.constant(new long[] {1, 2}), TFloat32.class);
  }

  /** The fastest of {@code repeats} runs (after one warm-up), in ms, with the training session's graph settings. */
  private static double best(Built built, int threadsPerOp, int repeats) {
    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threadsPerOp)
        .setInterOpParallelismThreads(2)
        .setGraphOptions(GraphOptions.newBuilder()
            .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true))
            .setOptimizerOptions(OptimizerOptions.newBuilder().setOptLevel(OptimizerOptions.Level.L0)))
        .build();
    try (Graph graph = built.graph(); Session session = new Session(graph, config)) {
      session.initialize();
      double best = Double.MAX_VALUE;
      for (int i = 0; i <= repeats; i++) {
        Session.Runner runner = session.runner();
        built.targets().forEach(runner::addTarget);
        long started = System.nanoTime();
        runner.run();
        double ms = (System.nanoTime() - started) / 1e6;
        if (i > 0) {
          best = Math.min(best, ms);
        }
      }
      return best;
    }
  }
}
