package dev.rulebench.models.tf;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.Metrics;
import dev.rulebench.grammar.Languages;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.train.Trainer;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Trials of the TensorFlow architectures through the harness's {@link Trainer}. */
final class TrialTests {

  private TrialTests() {}

  static Trial smoke(String language, String architecture, Map<String, String> model, long seed) {
    return Trial.at("test", Languages.load().get(language), TestModels.architecture(architecture), model,
        Map.of("deterministic", "true"), Scale.SMOKE, seed, "cpu");
  }

  static RunResult run(Trial trial) {
    return new Trainer(ProgressListener.NONE).run(trial);
  }

  /** A run whose model may use only {@code threads} CPU threads (0: the architecture's choice). */
  static RunResult run(Trial trial, int threads) {
    return new Trainer(ProgressListener.NONE, () -> false, null, threads).run(trial);
  }

  static RunResult run(Trial trial, Path checkpoints, BooleanSupplier cancel) {
    return new Trainer(ProgressListener.NONE, cancel, checkpoints).run(trial);
  }

  /** The metrics of every validation, without wall times. */
  static List<Metrics> metrics(RunResult result) {
    return result.history().stream().map(EvaluationPoint::metrics).toList();
  }

  static List<Double> trainLosses(RunResult result) {
    return result.history().stream().map(EvaluationPoint::trainLoss).toList();
  }
}
