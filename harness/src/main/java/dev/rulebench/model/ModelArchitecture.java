package dev.rulebench.model;

import dev.rulebench.config.TypedConfig;
import java.util.Map;

/**
 * An architecture that can be trained on a language: the service interface for built-in and user
 * architectures.
 *
 * <p>Implementations are found through {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.rulebench.model.ModelArchitecture}) and need a public no-argument
 * constructor. Nothing here names a tensor library: the harness trains through this interface only.
 */
public interface ModelArchitecture {

  /** The name suites and the command line use, e.g. {@code transformer}. */
  String name();

  /**
   * The hyperparameters with their defaults (the papers' values); overrides must use these keys,
   * and numeric keys declare their {@link dev.rulebench.config.Range} here.
   */
  TypedConfig defaultConfig();

  /**
   * Checks what single-key ranges cannot say, such as a width that must be a multiple of the
   * number of heads.
   *
   * @throws dev.rulebench.config.ConfigException naming the keys, their values and the rule
   */
  default void validate(TypedConfig config) {}

  /**
   * The defaults with these overrides, checked key by key and as a whole: what discovery and the
   * command line resolve before anything trains.
   *
   * @throws dev.rulebench.config.ConfigException for an unknown key, a mistyped value or a value out
   *     of range
   */
  default TypedConfig configWith(Map<String, String> overrides) {
    TypedConfig config = defaultConfig().withOverrides(overrides, "architecture " + name());
    validate(config);
    return config;
  }

  /**
   * How this JVM computes the architecture, where an implementation has more than one way that
   * rounds differently (a native kernel or an op graph for a layer, say): empty by default, and
   * empty for the way whose results earlier versions cached. It is part of each run's cache key (not
   * of its cell), so a cached result or a checkpoint is reused only by a run that computes the same
   * way. Return something new when a change to the code changes the numbers.
   */
  default String computation() {
    return "";
  }

  /**
   * Roughly how long this architecture takes to train a step at small scales, relative to the
   * papers' LSTM (1): a hint, not a promise. When several runs train side by side, the engine hands
   * out the longest first (this times the run's steps and the tokens of a step), so that no lane
   * trains a long run alone at the end while the others idle.
   */
  default double relativeStepCost() {
    return 1;
  }

  /** Builds a fresh, initialised model. */
  TrainableModel create(ModelSpec spec);
}
