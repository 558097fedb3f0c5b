package dev.rulebench.model;

/**
 * What a built model reports about itself, recorded in every result.
 *
 * @param parameterCount trainable scalars
 * @param device the device actually used, e.g. {@code cpu} or {@code gpu:0}
 * @param backend the tensor library and its version, e.g. {@code TensorFlow 2.18.0 (Java 1.1.0)}
 */
public record ModelInfo(long parameterCount, String device, String backend) {}
