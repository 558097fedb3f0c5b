package dev.rulebench.models.tf.arch;

import dev.rulebench.config.Range;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.models.tf.Network;
import dev.rulebench.models.tf.TensorFlowArchitecture;
import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.op.Ops;

/**
 * {@code linear}: the reference's {@code LinearLLM} (SPEC §1.6), a position-wise linear map from
 * every input position's embedding to every output position's logits:
 * {@code logits[b,t,v] = Σ_{s,w} emb[b,s,w] · W[s,w,t,v] · M[s,t] + bias[t,v]}, over a fixed
 * context of {@code max length + 1} positions.
 *
 * <p>Two masks, chosen by {@code paperCompat}:
 *
 * <ul>
 *   <li>{@code false} (default): causal, {@code M[s,t] = 1} for {@code s ≤ t}. Position t sees the
 *       current and earlier tokens only, so it is a language model.
 *   <li>{@code true}: the reference's {@code tril} mask, {@code M[s,t] = 1} for {@code s ≥ t}, which
 *       is anti-causal (SPEC §1.11 item 4): in training, position t sees the token it must predict;
 *       in generation the future positions are zero vectors (the reference zero-pads the prefix's
 *       embeddings), so position t sees only its own token. This reproduces the reference's numbers,
 *       and it leaks the future: the leakage test documents it.
 * </ul>
 */
public final class LinearArchitecture extends TensorFlowArchitecture {

  @Override
  public String name() {
    return "linear";
  }

  /** Its six runs of the main job took 6 run-seconds against the LSTM's 186 (docs/performance.md, df928ec). */
  @Override
  public double relativeStepCost() {
    return 0.03;
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder()
        .put("embedding", 10, Range.atLeast(1))
        .put("bias", true)
        .put("paperCompat", false)
        .build();
  }

  @Override
  public Network network(Ops tf, Parameters parameters, ModelSpec spec) {
    return new LinearNetwork(tf, parameters, spec.vocabularySize(), spec.contextLength(), spec.config());
  }
}
