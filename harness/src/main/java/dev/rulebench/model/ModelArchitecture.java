package dev.rulebench.model;

import dev.rulebench.config.TypedConfig;

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

  /** The hyperparameters with their defaults (the papers' values); overrides must use these keys. */
  TypedConfig defaultConfig();

  /** Builds a fresh, initialised model. */
  TrainableModel create(ModelSpec spec);
}
