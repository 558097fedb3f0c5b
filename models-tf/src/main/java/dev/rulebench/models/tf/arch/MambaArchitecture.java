package dev.rulebench.models.tf.arch;

import dev.rulebench.config.ConfigException;
import dev.rulebench.config.Range;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.models.tf.Network;
import dev.rulebench.models.tf.TensorFlowArchitecture;
import dev.rulebench.models.tf.graph.Parameters;
import org.tensorflow.op.Ops;

/**
 * {@code mamba}: the reference's {@code MambaLM} from mamba.py (SPEC §1.6): an embedding, residual
 * blocks {@code x + Mixer(RMSNorm(x))}, a final RMSNorm and a language-model head tied to the
 * embedding, whose vocabulary is padded up to a multiple of 8.
 *
 * <p>Defaults are the paper's sweep values and mamba.py's own defaults: d_model 32, 10 layers,
 * d_state 16, d_conv 8, expand 2 (d_inner 64), dt_rank ⌈d_model/16⌉ = 2 ({@code dtRank=0} means
 * that rule), dt initialised log-uniformly in [1e-3, 0.1] (floor 1e-4) through the inverse softplus
 * of the dt projection's bias, dt projection weights uniform on ±dtScale/√dt_rank, {@code A_log =
 * log(1…d_state)}, D = 1, RMSNorm eps 1e-5, no biases on the linear maps, a bias on the convolution.
 * Every other weight is initialised as PyTorch initialises its modules (embedding N(0, 1), linear and
 * convolution weights uniform on ±1/√fan_in).
 *
 * <p>One departure: the model computes logits for the padded vocabulary (8 here), as the reference,
 * but hands the harness the first V of them, so the softmax of the loss and the argmax of decoding
 * range over real tokens only. The reference's softmax also spreads mass onto the 3 padding ids,
 * which the training quickly pushes to zero; its parameter count (102,368) is kept.
 *
 * <p>The selective scan trains unrolled over the context length with a hand-written adjoint (see
 * {@link dev.rulebench.models.tf.layers.SelectiveScan} for why and docs/performance.md for the measurements);
 * decoding carries each layer's convolution window and SSM state, so a token costs the same at any
 * position.
 */
public final class MambaArchitecture extends TensorFlowArchitecture {

  @Override
  public String name() {
    return "mamba";
  }

  /** Its six runs of the main job took 239 run-seconds against the LSTM's 186 (docs/performance.md, df928ec). */
  @Override
  public double relativeStepCost() {
    return 1.3;
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder()
        .put("dModel", 32, Range.atLeast(1))
        .put("layers", 10, Range.atLeast(1))
        .put("dState", 16, Range.atLeast(1))
        .put("dConv", 8, Range.atLeast(1))
        .put("expand", 2, Range.atLeast(1))
        .put("dtRank", 0, Range.atLeast(0))
        .put("dtMin", 1e-3, Range.positive())
        .put("dtMax", 0.1, Range.positive())
        .put("dtInitFloor", 1e-4, Range.positive())
        .put("dtScale", 1.0, Range.positive())
        .put("rmsNormEps", 1e-5, Range.positive())
        .put("bias", false)
        .put("convBias", true)
        .put("padVocabularyMultiple", 8, Range.atLeast(1))
        .build();
  }

  @Override
  public void validate(TypedConfig config) {
    if (config.doubleValue("dtMin") > config.doubleValue("dtMax")) {
      throw new ConfigException("mamba: dtMin (" + config.doubleValue("dtMin") + ") must not exceed dtMax ("
          + config.doubleValue("dtMax") + ")");
    }
  }

  @Override
  protected boolean runsNativeKernels() {
    return true;
  }

  /**
   * Since the scan's softplus, skip term and gate became part of its kernel, and its gradients of B
   * and C are summed lane by lane; and since the convolution's bias and SiLU became part of its.
   */
  @Override
  protected String kernels() {
    return "gated scan as one kernel, conv with SiLU as one kernel";
  }

  @Override
  public Network network(Ops tf, Parameters parameters, ModelSpec spec) {
    return new MambaNetwork(parameters, spec.vocabularySize(), spec.contextLength(), spec.config());
  }
}
