package dev.rulebench.models.tf.arch;

import dev.rulebench.config.Range;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.models.tf.Network;
import dev.rulebench.models.tf.TensorFlowArchitecture;
import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.op.Ops;

/**
 * {@code transformer}: the reference's {@code TransformerDecoder} (SPEC §1.6), a decoder-only stack
 * of PyTorch {@code nn.TransformerEncoderLayer}s: post-LN, ReLU, biases, dropout 0.1 on the
 * positional sum, the attention weights, the FFN hidden layer and both residual branches; the
 * embedding scaled by √d; fixed sinusoidal positions; a causal mask and a key mask on PAD.
 *
 * <p>{@code paperCompat=true} reproduces a quirk of the reference code: its positional encoding is
 * added before the batch-first input is permuted to sequence-first, so row b of a batch gets the
 * encoding of position b at every position, and the model sees no token positions at all. With the
 * default {@code false}, position t gets the encoding of t, as the architecture intends.
 */
public final class TransformerArchitecture extends TensorFlowArchitecture {

  @Override
  public String name() {
    return "transformer";
  }

  /** Its six runs of the main job took 249 run-seconds against the LSTM's 186 (docs/performance.md, df928ec). */
  @Override
  public double relativeStepCost() {
    return 1.35;
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder()
        .put("dModel", 10, Range.atLeast(1))
        .put("heads", 5, Range.atLeast(1))
        .put("layers", 7, Range.atLeast(1))
        .put("ffn", 1024, Range.atLeast(1))
        .put("dropout", 0.1, Range.fraction())
        .put("layerNormEps", 6e-3, Range.positive())
        .put("maxPositions", 5000, Range.atLeast(1))
        .put("queryChunk", 64, Range.atLeast(1))
        .put("paperCompat", false)
        .build();
  }

  @Override
  public void validate(TypedConfig config) {
    TransformerNetwork.validate(config);
  }

  @Override
  protected boolean runsNativeKernels() {
    return true;
  }

  /** The attention kernel draws its dropout masks differently from the op graph's query chunks. */
  @Override
  protected String kernels() {
    return "attention as a fused kernel";
  }

  @Override
  public Network network(Ops tf, Parameters parameters, ModelSpec spec) {
    return new TransformerNetwork(tf, parameters, spec.vocabularySize(), spec.contextLength(), spec.config());
  }
}
