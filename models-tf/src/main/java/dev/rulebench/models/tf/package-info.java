/**
 * RuleBench's model SPI on TensorFlow Java 1.1.0 in graph mode: {@link dev.rulebench.models.tf.GraphModel}
 * makes any {@link dev.rulebench.models.tf.Network} trainable; the architectures live in {@code arch}.
 */
package dev.rulebench.models.tf;
