/** The TensorFlow architectures: linear, LSTM and Transformer networks, each with its incremental decoder. */
package dev.rulebench.models.tf.arch;
