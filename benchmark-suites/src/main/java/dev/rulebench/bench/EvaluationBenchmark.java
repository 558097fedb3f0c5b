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
 * The reference evaluation: greedy completion of aⁿbⁿ's 256 prompts (SOS + 8 symbols) for the whole
 * budget, EOS or not, with the incremental decoders (300 new tokens at paper scale, the scale's
 * budget at quick scale).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class EvaluationBenchmark extends BuiltModelState {

  @Benchmark
  public int[][] evaluate() {
    return workload.evaluate(model);
  }
}
