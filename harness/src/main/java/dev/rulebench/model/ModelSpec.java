package dev.rulebench.model;

import dev.rulebench.config.TypedConfig;

/**
 * Everything an architecture needs to build a model.
 *
 * @param architecture the architecture's name
 * @param config resolved hyperparameters (defaults with overrides applied)
 * @param vocabularySize token ids the model reads and predicts
 * @param contextLength input positions of the longest training sequence (max length + 1)
 * @param optimizer AdamW settings; the learning rate itself arrives with every step
 * @param seed fixes initialisation and dropout
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param deterministic whether repeated runs with this seed must give identical numbers
 * @param threads the CPU threads this run may use (several runs share the machine), or 0 for the
 *     architecture's own choice; results must not depend on it
 */
public record ModelSpec(
    String architecture,
    TypedConfig config,
    int vocabularySize,
    int contextLength,
    OptimizerSettings optimizer,
    long seed,
    String device,
    boolean deterministic,
    int threads) {

  public ModelSpec {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (the architecture's choice) or positive, was " + threads);
    }
  }
}
