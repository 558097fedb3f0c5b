package dev.rulebench.models.tf;

import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelArchitectures;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.OptimizerSettings;
import java.util.Map;

/** Small models for tests: aⁿbⁿ's vocabulary (5 tokens) and a short context. */
final class TestModels {

  static final int VOCABULARY = 5;
  static final int CONTEXT = 17;

  private TestModels() {}

  static ModelArchitecture architecture(String name) {
    return ModelArchitectures.load().get(name);
  }

  static GraphModel create(String name, Map<String, String> overrides, long seed) {
    ModelArchitecture architecture = architecture(name);
    ModelSpec spec = new ModelSpec(name, architecture.defaultConfig().withOverrides(overrides, name), VOCABULARY,
        CONTEXT, OptimizerSettings.paper(), seed, "cpu", true, 0);
    return (GraphModel) architecture.create(spec);
  }

  /** Small enough for quick tests, the same structure as the paper's configuration. */
  static Map<String, String> small(String name) {
    return switch (name) {
      case "transformer" -> Map.of("layers", "2", "ffn", "64");
      case "lstm" -> Map.of("layers", "2", "hidden", "32");
      case "mamba" -> Map.of("layers", "2");
      case "xlstm" -> Map.of("blocks", "3", "mlstmChunkSize", "5");
      default -> Map.of();
    };
  }
}
