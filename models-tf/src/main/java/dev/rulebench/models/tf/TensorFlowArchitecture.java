package dev.rulebench.models.tf;

import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TrainableModel;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.op.Ops;

/**
 * Base of the TensorFlow architectures: a subclass says how to build its {@link Network}; {@link
 * GraphModel} supplies training, evaluation, decoding, checkpoints and the device.
 */
public abstract class TensorFlowArchitecture implements ModelArchitecture {

  /**
   * Creates the network's variables through {@code parameters} and returns it.
   *
   * @param spec vocabulary, context length and the resolved hyperparameters ({@code spec.config()})
   */
  public abstract Network network(Ops tf, Parameters parameters, ModelSpec spec);

  /**
   * Threads one op of the training session may use, by default all cores. An architecture whose
   * ops are small and sequential (a recurrent kernel stepping through time) does better with one
   * thread per op and independent ops side by side. {@code rulebench.tf.intraOpThreads} overrides.
   */
  public int intraOpThreads(int cores) {
    return cores;
  }

  /**
   * For an architecture whose layers run RuleBench's {@linkplain NativeKernels native kernels}: "op
   * graphs" where this JVM cannot run them (they round differently), else {@link #kernels()}; empty
   * for the others.
   */
  @Override
  public String computation() {
    if (!runsNativeKernels()) {
      return "";
    }
    return NativeKernels.available() ? kernels() : "op graphs";
  }

  /** Whether some of the architecture's layers run native kernels where they are available. */
  protected boolean runsNativeKernels() {
    return false;
  }

  /**
   * Names the kernels' computation once a change to them changed the numbers, so that results cached
   * before are not replayed; empty for the kernels as first cached.
   */
  protected String kernels() {
    return "";
  }

  @Override
  public TrainableModel create(ModelSpec spec) {
    return GraphModel.build(spec, this);
  }
}
