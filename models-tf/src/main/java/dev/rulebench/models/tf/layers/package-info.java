/** Layers built from raw TensorFlow ops, initialised as PyTorch initialises them. */
package dev.rulebench.models.tf.layers;
