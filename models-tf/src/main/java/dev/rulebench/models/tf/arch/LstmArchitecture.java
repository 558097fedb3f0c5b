package dev.rulebench.models.tf.arch;

import dev.rulebench.config.Range;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.models.tf.Network;
import dev.rulebench.models.tf.TensorFlowArchitecture;
import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.op.Ops;

/**
 * {@code lstm}: the reference's {@code LSTM_LLM} (SPEC §1.6): an embedding of width 10, five
 * stacked LSTM layers of 64 units without dropout between them, dropout 0.4 on the top layer's
 * output, and a linear head. The reference sweep's {@code embedding_dim: 16} is ignored by its code,
 * which passes {@code dim_model = 10} (SPEC §1.11 item 8); 10 is therefore the default here.
 *
 * <p>{@code lanes} is an execution setting, not a model change: row groups trained side by side on
 * separate cores (see {@code LstmNetwork}).
 */
public final class LstmArchitecture extends TensorFlowArchitecture {

  @Override
  public String name() {
    return "lstm";
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder()
        .put("embedding", 10, Range.atLeast(1))
        .put("hidden", 64, Range.atLeast(1))
        .put("layers", 5, Range.atLeast(1))
        .put("dropout", 0.4, Range.fraction())
        .put("lanes", 2, Range.atLeast(1))
        .build();
  }

  /**
   * One thread per op: the fused kernel's per-step products are too small to split across cores
   * (measured: 0.54 s of CPU per paper-scale step with one thread against 0.81 s with two), and the
   * {@code lanes} row groups run side by side instead.
   */
  @Override
  public int intraOpThreads(int cores) {
    return 1;
  }

  @Override
  public Network network(Ops tf, Parameters parameters, ModelSpec spec) {
    return new LstmNetwork(parameters, spec.vocabularySize(), spec.config());
  }
}
