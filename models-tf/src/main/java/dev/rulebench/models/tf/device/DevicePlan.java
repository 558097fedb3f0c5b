package dev.rulebench.models.tf.device;

import dev.rulebench.model.DeviceUnavailableException;
import dev.rulebench.models.tf.graph.SessionSettings;
import java.util.Locale;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Where a model's graph runs, chosen from {@code auto}, {@code cpu} or {@code gpu}.
 *
 * <p>The CPU natives (the default build) see no GPU; the {@code gpu} Maven profile swaps in
 * TensorFlow's {@code linux-x86_64-gpu} natives, which use a CUDA 12.5 + cuDNN 9.3 GPU when one is
 * visible. {@code auto} takes the GPU if TensorFlow can place an op on it and otherwise records the
 * fallback to the CPU; {@code gpu} without a usable GPU fails before training with {@link
 * DeviceUnavailableException}.
 *
 * @param gpu whether the graph is placed on {@code /device:GPU:0}
 * @param recorded what results record as the device actually used
 */
public record DevicePlan(boolean gpu, String recorded) {

  private static volatile Boolean gpuVisible;

  /**
   * Resolves a requested device.
   *
   * @throws DeviceUnavailableException for {@code gpu} when TensorFlow sees no usable GPU
   * @throws IllegalArgumentException for anything but auto, cpu or gpu
   */
  public static DevicePlan resolve(String requested) {
    String device = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
    return switch (device) {
      case "cpu" -> new DevicePlan(false, "cpu");
      case "gpu" -> {
        if (!gpuVisible()) {
          throw new DeviceUnavailableException("device gpu was requested but TensorFlow sees no usable GPU: build"
              + " with the Maven profile -Pgpu (TensorFlow's CUDA 12.5 + cuDNN 9.3 natives) on a machine with an"
              + " NVIDIA GPU, or run with device auto or cpu");
        }
        yield new DevicePlan(true, "gpu:0");
      }
      case "auto" -> gpuVisible() ? new DevicePlan(true, "gpu:0") : new DevicePlan(false, "cpu (auto: no GPU visible)");
      default -> throw new IllegalArgumentException("device must be auto, cpu or gpu, was '" + requested + "'");
    };
  }

  /** The device graph ops are pinned to; ops without a GPU kernel fall back to the CPU (soft placement). */
  public Ops place(Ops tf) {
    return gpu ? tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build())
        : tf;
  }

  /** Hides GPUs from a CPU session, so a GPU build never claims GPU memory for a CPU run. */
  public ConfigProto.Builder configure(ConfigProto.Builder config) {
    config.setAllowSoftPlacement(true);
    if (!gpu) {
      config.putDeviceCount("GPU", 0);
    }
    return config;
  }

  /** Whether TensorFlow can run an op on GPU 0, asked once per JVM. */
  public static boolean gpuVisible() {
    Boolean visible = gpuVisible;
    if (visible == null) {
      visible = probeGpu();
      gpuVisible = visible;
    }
    return visible;
  }

  private static boolean probeGpu() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph)
          .withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      var probe = tf.identity(tf.constant(1f));
      ConfigProto strict = SessionSettings.auxiliary().setAllowSoftPlacement(false).build();
      try (Session session = new Session(graph, strict); var result = session.runner().fetch(probe).run()) {
        return true;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
