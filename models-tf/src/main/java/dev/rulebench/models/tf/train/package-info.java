/** The training objective and the optimizer. */
package dev.rulebench.models.tf.train;
