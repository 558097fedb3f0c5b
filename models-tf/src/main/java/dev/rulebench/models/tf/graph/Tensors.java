package dev.rulebench.models.tf.graph;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Moves arrays between Java and TensorFlow: one bulk copy each way through NIO-backed buffers,
 * never element by element.
 */
public final class Tensors {

  private Tensors() {}

  public static TInt32 ints(int[] values, long... shape) {
    return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public static TFloat32 floats(float[] values, long... shape) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public static TInt64 longs(long[] values, long... shape) {
    return TInt64.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public static TFloat32 scalar(float value) {
    return TFloat32.scalarOf(value);
  }

  public static TInt32 scalar(int value) {
    return TInt32.scalarOf(value);
  }

  public static float[] toFloats(TFloat32 tensor) {
    float[] values = new float[Math.toIntExact(tensor.size())];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  public static int[] toInts(TInt32 tensor) {
    int[] values = new int[Math.toIntExact(tensor.size())];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  public static long[] toLongs(TInt64 tensor) {
    long[] values = new long[Math.toIntExact(tensor.size())];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  /** The value of a scalar float tensor. */
  public static double scalarValue(Tensor tensor) {
    if (!(tensor instanceof TFloat32 value)) {
      throw new IllegalArgumentException("expected a float scalar, got " + tensor.dataType());
    }
    return value.getFloat();
  }
}
