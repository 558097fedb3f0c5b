package dev.rulebench.bench;

import dev.rulebench.models.tf.GraphModel;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One model per architecture and scale, built before the trial's first measurement and closed after
 * its last: the state of the benchmarks that time a built model's step or evaluation.
 */
@State(Scope.Benchmark)
public abstract class BuiltModelState {

  @Param({"transformer", "lstm", "linear", "mamba", "xlstm"})
  public String architecture;

  @Param({"paper", "quick"})
  public String scale;

  protected Workload workload;
  protected GraphModel model;

  @Setup(Level.Trial)
  public void build() {
    workload = Workload.of(architecture, scale, Map.of());
    model = workload.newModel();
  }

  @TearDown(Level.Trial)
  public void close() {
    model.close();
  }
}
