/** Incremental decoding: the decoder SPI of a network, its carried state, and the loop that completes prompts. */
package dev.rulebench.models.tf.decode;
