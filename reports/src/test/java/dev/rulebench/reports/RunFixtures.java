package dev.rulebench.reports;

import dev.rulebench.api.PromptCounts;
import dev.rulebench.api.RunResult.CompletionSample;
import dev.rulebench.api.RunResult.Environment;
import dev.rulebench.api.RunResult.Timings;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.trial.TrainingConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Run results with known histories, as the trainer would write them. */
public final class RunFixtures {

  public static final String MAIN_SUITE = "dev.rulebench.examples.MainTableSuite";
  public static final String CASE_STUDY_SUITE = "dev.rulebench.examples.CaseStudySuite";

  private RunFixtures() {}

  /** Where the engine writes a run's result: {@code <runs>/<suite>/<cell id>-seed<N>.json}. */
  public static java.nio.file.Path file(java.nio.file.Path runsFolder, RunResult run) {
    return runsFolder.resolve(run.suite()).resolve(dev.rulebench.api.CellId.of(run) + "-seed" + run.seed() + ".json");
  }

  /** Writes the runs as the engine does. */
  public static void write(java.nio.file.Path runsFolder, List<RunResult> runs) {
    runs.forEach(run -> dev.rulebench.config.Json.writeAtomically(file(runsFolder, run), run));
  }

  /** Metrics of one validation; ID grammatical is taken equal to ID R2. */
  public static Metrics point(double testLoss, double idR1, double idR2, double oodR1, double oodR2Completion) {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    values.put(Metric.TEST_LOSS, testLoss);
    values.put(Metric.ID_R1, idR1);
    values.put(Metric.ID_R2, idR2);
    values.put(Metric.ID_GRAMMATICAL, idR2);
    values.put(Metric.OOD_R1, oodR1);
    values.put(Metric.OOD_R2_COMPLETION, oodR2Completion);
    values.put(Metric.ID_FINISHED, 1.0);
    values.put(Metric.OOD_FINISHED, 1.0);
    return Metrics.of(values);
  }

  /**
   * Metrics of one validation at which no OOD completion finished: OOD R1 and OOD R2 completion
   * are not measured (null), OOD finished is 0; the ID metrics as in {@link #point}.
   */
  public static Metrics oodUnfinished(double testLoss, double idR1, double idR2) {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    values.put(Metric.TEST_LOSS, testLoss);
    values.put(Metric.ID_R1, idR1);
    values.put(Metric.ID_R2, idR2);
    values.put(Metric.ID_GRAMMATICAL, idR2);
    values.put(Metric.OOD_R1, null);
    values.put(Metric.OOD_R2_COMPLETION, null);
    values.put(Metric.ID_FINISHED, 1.0);
    values.put(Metric.OOD_FINISHED, 0.0);
    return Metrics.of(values);
  }

  /**
   * The run as the trainer writes it when its language gives the lowest test loss possible on its
   * data: {@code optimalTestLoss} and {@code excessTestLoss} (the papers' test loss minus it).
   */
  public static RunResult withOptimum(RunResult run, double optimum) {
    double excess = run.paperMetrics().testLoss() - optimum;
    return new RunResult(run.schema(), run.suite(), run.language(), run.architecture(), run.seed(), run.scale(),
        run.configHash(), run.cacheKey(), run.modelConfig(), run.training(), run.data(), run.environment(),
        run.parameterCount(), run.history(), run.paperMetrics(), run.bestMetrics(), run.finalMetrics(),
        run.stopReason(), run.timings(), run.samples(), run.resumedFromStep(), optimum, excess, run.prompts());
  }

  /** The run as made on another processor ({@code null}: one the run could not identify) or device. */
  public static RunResult onMachine(RunResult run, String cpu, String device) {
    Environment e = run.environment();
    Environment other = new Environment(e.rulebenchVersion(), e.backend(), device, e.java(), e.os(), cpu,
        e.cores(), e.gitSha());
    return new RunResult(run.schema(), run.suite(), run.language(), run.architecture(), run.seed(), run.scale(),
        run.configHash(), run.cacheKey(), run.modelConfig(), run.training(), run.data(), other,
        run.parameterCount(), run.history(), run.paperMetrics(), run.bestMetrics(), run.finalMetrics(),
        run.stopReason(), run.timings(), run.samples(), run.resumedFromStep(), run.optimalTestLoss(),
        run.excessTestLoss(), run.prompts());
  }

  /**
   * A run whose validations (every 10 steps) had the given metrics.
   *
   * @param supervision {@code none}, {@code adversarial} or {@code oracle}
   */
  public static RunResult run(String suite, String language, String architecture, String configHash, long seed,
      String supervision, Metrics... validations) {
    List<EvaluationPoint> history = new ArrayList<>();
    for (int i = 0; i < validations.length; i++) {
      double loss = validations[i].testLoss();
      history.add(new EvaluationPoint(i + 1, 10L * (i + 1), 0.5 * (i + 1), 1e-3, loss * 1.1, validations[i]));
    }
    TypedConfig training = TrainingConfig.paper().withOverrides(Map.of("supervision", supervision)).toConfig();
    TypedConfig model = TypedConfig.builder().put("layers", 2).build();
    return new RunResult(RunResult.SCHEMA, suite, language, architecture, seed, "smoke", configHash,
        configHash + "-" + seed, model, training, new DataSpec(16, 64, 32, true),
        new Environment("0.1.0-SNAPSHOT", "TensorFlow Java 1.1.0", "cpu", "Eclipse Adoptium 17", "Linux amd64",
            "AMD EPYC (flags 0badcafe)", 2, "0123456789abcdef0123456789abcdef01234567"),
        1234, history, HistoryAggregation.PAPER.aggregate(history),
        HistoryAggregation.BEST_CHECKPOINT.aggregate(history), HistoryAggregation.FINAL.aggregate(history),
        "reached 24 steps", new Timings(0.1, 0.01, 1.0, 0.2, 1.5, 10L * validations.length, validations.length),
        List.of(new CompletionSample("ID", "a a a a", "b b b b EOS"), new CompletionSample("OOD", "b a a a", "b b EOS")), null, null, null,
        new PromptCounts(32, 32));
  }

  /**
   * The main-table suite: aNbN × Transformer (3 seeds), aNbN × LSTM (2 seeds), and a user's own
   * language without published values.
   */
  public static List<RunResult> mainSuite() {
    return List.of(
        // OOD R1 peaks at the second validation: the papers' protocol takes the maximum.
        run(MAIN_SUITE, "aNbN", "transformer", "aaaaaaaaaaaa", 1, "none",
            point(0.9, 0.5, 0.5, 0.2, 0.5), point(0.5, 1.0, 1.0, 0.7, 1.0), point(0.4, 1.0, 1.0, 0.5, 1.0)),
        run(MAIN_SUITE, "aNbN", "transformer", "aaaaaaaaaaaa", 2, "none",
            point(0.8, 0.5, 0.5, 0.3, 0.5), point(0.45, 1.0, 1.0, 0.6, 1.0)),
        run(MAIN_SUITE, "aNbN", "transformer", "aaaaaaaaaaaa", 3, "none",
            point(0.7, 0.9, 1.0, 0.65, 1.0)),
        run(MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", 1, "none",
            point(0.02, 0.9, 1.0, 0.95, 1.0)),
        run(MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", 2, "none",
            point(0.02, 0.9, 1.0, 0.85, 1.0)),
        run(MAIN_SUITE, "parity", "transformer", "cccccccccccc", 1, "none",
            point(0.3, 1.0, 1.0, 0.5, 0.5)));
  }

  /** The ICML case study: normal, adversarial and oracle, two seeds each. */
  public static List<RunResult> caseStudySuite() {
    return List.of(
        // The best checkpoint (lowest loss) is the second validation, not the one with the highest OOD R1.
        run(CASE_STUDY_SUITE, "aNbN", "transformer", "dddddddddddd", 1, "none",
            point(0.5, 1, 1, 0.9, 1), point(0.0214, 1, 1, 0.45, 1), point(0.03, 1, 1, 0.2, 1)),
        run(CASE_STUDY_SUITE, "aNbN", "transformer", "dddddddddddd", 2, "none",
            point(0.5, 1, 1, 0.1, 1), point(0.0214, 1, 1, 0.47, 1)),
        run(CASE_STUDY_SUITE, "aNbN", "transformer", "eeeeeeeeeeee", 1, "adversarial",
            point(0.5, 1, 0.2, 0.3, 1), point(0.0223, 1, 0.1, 0.0, 1)),
        run(CASE_STUDY_SUITE, "aNbN", "transformer", "eeeeeeeeeeee", 2, "adversarial",
            point(0.5, 1, 0.2, 0.2, 1), point(0.0223, 1, 0.1, 0.0, 1)),
        run(CASE_STUDY_SUITE, "aNbN", "transformer", "ffffffffffff", 1, "oracle",
            point(0.5, 1, 1, 0.5, 1), point(0.0199, 1, 1, 0.83, 1)),
        run(CASE_STUDY_SUITE, "aNbN", "transformer", "ffffffffffff", 2, "oracle",
            point(0.5, 1, 1, 0.4, 1), point(0.0199, 1, 1, 0.2, 1)));
  }
}
