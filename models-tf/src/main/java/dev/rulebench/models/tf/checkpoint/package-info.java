/** Saving, restoring and copying a model's variables (weights and optimizer state). */
package dev.rulebench.models.tf.checkpoint;
