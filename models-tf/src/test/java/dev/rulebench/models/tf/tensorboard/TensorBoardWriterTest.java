package dev.rulebench.models.tf.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.RunObserver;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.TrainingConfig;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class TensorBoardWriterTest {

  @TempDir
  Path output;

  private static Trial trial(long seed) {
    return new Trial("dev.rulebench.examples.ANbNSuite", "aNbN", "dev.rulebench.grammar.builtin.ANbN", "transformer",
        "dev.rulebench.models.tf.Transformer", "", TypedConfig.builder().put("layers", 2).build(), TrainingConfig.paper(),
        new DataSpec(16, 8, 8, true), Scale.SMOKE, seed, "cpu");
  }

  private static Metrics metrics(double loss, double oodR1) {
    return Metrics.of(Map.of(Metric.TEST_LOSS, loss, Metric.OOD_R1, oodR1, Metric.ID_R1, 1.0));
  }

  @Test
  void isFoundThroughTheRunObserverService() {
    assertThat(ServiceLoader.load(RunObserver.class).stream().map(ServiceLoader.Provider::type))
        .contains(TensorBoardObserver.class);
    Path folder = TensorBoardObserver.runDirectory(trial(7), output);
    assertThat(output.relativize(folder).toString())
        .isEqualTo("tensorboard/ANbNSuite/aNbN-transformer-" + trial(7).configHash() + "-seed7");
  }

  @Test
  void eventFilesHoldTheTrainingLossAndEveryMetricPerValidation() throws Exception {
    Trial trial = trial(7);
    ProgressListener listener = RunObserver.discovered(trial, output, getClass().getClassLoader());
    listener.started(trial, 40);
    for (long step = 1; step <= 40; step++) {
      double loss = step == 13 ? Double.NaN : 2.0 / step;
      listener.stepped(trial, step, 40, (int) step, loss, Duration.ZERO, Duration.ZERO);
      if (step % 20 == 0) {
        listener.validated(trial, new EvaluationPoint((int) step, step, 1.0, 1e-3, 0.5, metrics(1.0 / step, step / 40.0)));
      }
    }
    listener.finished(trial, null);

    Path folder = TensorBoardObserver.runDirectory(trial, output);
    List<Path> files = EventFiles.in(folder);
    assertThat(files).hasSize(1);
    List<Event> events = EventFiles.read(files.get(0));
    assertThat(events.get(0).getFileVersion()).startsWith("brain.Event:");

    Map<String, List<long[]>> steps = new LinkedHashMap<>();
    Map<String, List<Float>> values = new LinkedHashMap<>();
    for (Event event : events) {
      for (Summary.Value value : event.getSummary().getValueList()) {
        steps.computeIfAbsent(value.getTag(), t -> new ArrayList<>()).add(new long[] {event.getStep()});
        values.computeIfAbsent(value.getTag(), t -> new ArrayList<>()).add(scalar(value));
      }
    }
    assertThat(values.keySet()).contains("train/loss", "train/loss_since_validation", "train/learning_rate",
        "eval/test_loss", "eval/ood_r1", "eval/id_r1");
    assertThat(values.get("train/loss")).as("every step but the NaN one").hasSize(39);
    assertThat(values.get("train/loss").get(0)).isEqualTo(2.0f);
    assertThat(steps.get("eval/ood_r1")).extracting(s -> s[0]).containsExactly(20L, 40L);
    assertThat(values.get("eval/ood_r1")).containsExactly(0.5f, 1.0f);
    assertThat(values.get("eval/test_loss")).containsExactly(0.05f, 0.025f);
  }

  @Test
  void longRunsLogAboutAThousandTrainingPoints() throws Exception {
    Trial trial = trial(8);
    TensorBoardWriter writer = new TensorBoardWriter(output.resolve("long"));
    writer.started(trial, 5_000);
    for (long step = 1; step <= 5_000; step++) {
      writer.stepped(trial, step, 5_000, 0, 1.0, Duration.ZERO, Duration.ZERO);
    }
    writer.close();
    writer.close();
    long points = EventFiles.read(EventFiles.in(output.resolve("long")).get(0)).stream()
        .filter(Event::hasSummary).count();
    assertThat(points).isEqualTo(1_001); // step 1 and every 5th step
  }

  private static float scalar(Summary.Value value) {
    // WriteScalarSummary writes simple_value, which TensorBoard's scalar dashboard reads directly
    assertThat(value.getValueCase()).isEqualTo(Summary.Value.ValueCase.SIMPLE_VALUE);
    return value.getSimpleValue();
  }
}
