package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.model.DeviceUnavailableException;
import dev.rulebench.models.tf.device.DevicePlan;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device choice on a machine without a usable GPU (every machine here). */
class DevicePlanTest {

  @Test
  void autoFallsBackToTheCpuAndSaysSo() {
    assertThat(DevicePlan.gpuVisible()).as("these tests run on the CPU natives").isFalse();
    DevicePlan plan = DevicePlan.resolve("auto");
    assertThat(plan.gpu()).isFalse();
    assertThat(plan.recorded()).isEqualTo("cpu (auto: no GPU visible)");
  }

  @Test
  void cpuIsRecordedAsCpu() {
    assertThat(DevicePlan.resolve("cpu").recorded()).isEqualTo("cpu");
  }

  @Test
  void gpuWithoutAGpuFailsBeforeTraining() {
    assertThatThrownBy(() -> DevicePlan.resolve("gpu")).isInstanceOf(DeviceUnavailableException.class)
        .hasMessageContaining("-Pgpu").hasMessageContaining("CUDA 12.5");
  }

  @Test
  void unknownDeviceIsRefused() {
    assertThatThrownBy(() -> DevicePlan.resolve("tpu")).hasMessageContaining("auto, cpu or gpu");
  }

  @Test
  void modelsRecordTheDeviceAndTensorFlowVersion() {
    try (GraphModel model = TestModels.create("linear", Map.of(), 1)) {
      assertThat(model.info().device()).isEqualTo("cpu");
      assertThat(model.info().backend()).matches("TensorFlow 2\\.18\\.\\d+ \\(TensorFlow Java 1\\.1\\.0, linux-x86_64\\)");
      assertThat(model.info().parameterCount()).isEqualTo(5L * 10 + 17L * 10 * 17 * 5 + 17 * 5);
    }
  }
}
