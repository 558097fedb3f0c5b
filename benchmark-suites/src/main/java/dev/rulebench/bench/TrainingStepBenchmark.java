package dev.rulebench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One AdamW step on a batch of 128 aⁿbⁿ words: 128 × 257 positions at paper scale, 128 × 33 at
 * quick scale. Each measurement is a single step (steps take up to seconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
public class TrainingStepBenchmark extends BuiltModelState {

  private long step;

  @Benchmark
  public double trainStep() {
    return model.trainStep(workload.batch(), 2e-3, step++);
  }
}
