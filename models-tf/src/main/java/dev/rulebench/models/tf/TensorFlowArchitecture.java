package dev.rulebench.models.tf;

import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TrainableModel;
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

  @Override
  public TrainableModel create(ModelSpec spec) {
    return GraphModel.build(spec, this);
  }
}
