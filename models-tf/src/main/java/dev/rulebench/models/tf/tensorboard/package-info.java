/** TensorBoard event files for every run, written with TensorFlow's summary ops. */
package dev.rulebench.models.tf.tensorboard;
