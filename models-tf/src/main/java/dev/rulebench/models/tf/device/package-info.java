/** Choosing the CPU or GPU a model's graph runs on. */
package dev.rulebench.models.tf.device;
