package dev.rulebench.bench;

import dev.rulebench.models.tf.GraphModel;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.TensorFlow;

/**
 * Graph build plus the first training step, in a fresh JVM each time (TensorFlow's native library
 * is loaded before the clock starts): what a run waits before its first step is done.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(3)
public class FirstStepBenchmark {

  @Param({"transformer", "lstm", "linear", "mamba", "xlstm"})
  public String architecture;

  @Param({"paper", "quick"})
  public String scale;

  private Workload workload;

  @Setup(Level.Iteration)
  public void prepare() {
    TensorFlow.version();
    workload = Workload.of(architecture, scale, Map.of());
  }

  @Benchmark
  public double buildAndFirstStep() {
    try (GraphModel model = workload.newModel()) {
      return model.trainStep(workload.batch(), 2e-3, 0);
    }
  }
}
