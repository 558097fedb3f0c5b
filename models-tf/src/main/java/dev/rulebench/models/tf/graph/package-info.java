/** Graph-building helpers shared by every architecture: parameters, shapes, tensors, sessions, custom gradients, profiling. */
package dev.rulebench.models.tf.graph;
