package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.config.Settings;
import dev.rulebench.models.tf.device.DevicePlan;
import dev.rulebench.models.tf.graph.SessionSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.OptimizerOptions;

/** The two sessions' settings that the speed measurements in docs/performance.md depend on. */
class SessionSettingsTest {

  @Test
  void trainingPlacesOnlyWhatItRunsWithoutGraphOptimizers() {
    ConfigProto training = SessionSettings.config(DevicePlan.resolve("cpu"), 2, 3);
    assertThat(training.getGraphOptions().getPlacePrunedGraph()).isTrue();
    assertThat(training.getGraphOptions().getRewriteOptions().getDisableMetaOptimizer()).isTrue();
    assertThat(training.getGraphOptions().getOptimizerOptions().getOptLevel()).isEqualTo(OptimizerOptions.Level.L0);
    assertThat(training.getIntraOpParallelismThreads()).isEqualTo(2);
    assertThat(training.getInterOpParallelismThreads()).isEqualTo(3);
  }

  @Test
  void decodingFoldsConstantsAndRunsOneThreadPerOpPerLane() {
    ConfigProto decoding = SessionSettings.decodeConfig(DevicePlan.resolve("cpu"));
    assertThat(decoding.getGraphOptions().getPlacePrunedGraph()).isTrue();
    assertThat(decoding.getGraphOptions().getOptimizerOptions().getOptLevel()).isEqualTo(OptimizerOptions.Level.L1);
    assertThat(decoding.getIntraOpParallelismThreads()).isEqualTo(1);
    assertThat(decoding.getInterOpParallelismThreads()).isEqualTo(SessionSettings.decodeLanes());
  }

  /** Set as the engine's parameters (junit-platform.properties, the plugin), not only as -D. */
  @Test
  void theThreadKeysAreReadFromTheEnginesParameters() {
    try {
      Settings.install(Map.of(SessionSettings.INTRA_OP_THREADS, "5", SessionSettings.INTER_OP_THREADS, "4",
          SessionSettings.GRAPPLER, "true"));
      ConfigProto training = SessionSettings.config(DevicePlan.resolve("cpu"), 2, 3);
      assertThat(training.getIntraOpParallelismThreads()).isEqualTo(5);
      assertThat(training.getInterOpParallelismThreads()).isEqualTo(4);
      assertThat(training.getGraphOptions().getRewriteOptions().getDisableMetaOptimizer()).isFalse();
    } finally {
      Settings.install(Map.of());
    }
  }
}
