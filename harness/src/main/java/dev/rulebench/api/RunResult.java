package dev.rulebench.api;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.grammar.DataSpec;
import java.util.List;

/**
 * Everything one training run produced, written as one JSON file per run: enough to trace any
 * number in a table back to the configuration, versions and seed that made it.
 *
 * @param schema version of this file's layout
 * @param suite the suite class that asked for the run, or {@code cli}
 * @param language language name
 * @param architecture architecture name
 * @param seed the run's seed
 * @param scale smoke, quick, ci, reduced or paper
 * @param configHash hash of everything that defines the cell (all but the seed)
 * @param cacheKey hash of everything that defines this run (the cell, the seed and RuleBench's version)
 * @param modelConfig resolved hyperparameters
 * @param training resolved training protocol
 * @param data the data the language generated
 * @param environment versions and machine
 * @param parameterCount trainable scalars
 * @param history every validation in order
 * @param paperMetrics accuracies maximised and loss minimised over the history (the papers' tables)
 * @param bestMetrics every metric at the validation with the lowest test loss
 * @param finalMetrics every metric at the last validation
 * @param stopReason why training ended
 * @param timings where the time went
 * @param samples some completions of the last validation, per prompt kind
 * @param resumedFromStep the step of the verified checkpoint this run resumed from, or null when it
 *     trained from the start
 * @param optimalTestLoss the lowest test loss possible on this data ({@link
 *     dev.rulebench.eval.Optimum}), or null when the language does not give it
 * @param excessTestLoss the papers' test loss (the minimum over validations) minus the optimum: how
 *     far from converged the run ended; null with the optimum
 * @param prompts how many ID and OOD prompts each validation completed; null in results written
 *     before it was recorded
 */
public record RunResult(
    int schema,
    String suite,
    String language,
    String architecture,
    long seed,
    String scale,
    String configHash,
    String cacheKey,
    TypedConfig modelConfig,
    TypedConfig training,
    DataSpec data,
    Environment environment,
    long parameterCount,
    List<EvaluationPoint> history,
    Metrics paperMetrics,
    Metrics bestMetrics,
    Metrics finalMetrics,
    String stopReason,
    Timings timings,
    List<CompletionSample> samples,
    Long resumedFromStep,
    Double optimalTestLoss,
    Double excessTestLoss,
    PromptCounts prompts) {

  public static final int SCHEMA = 1;

  public RunResult {
    history = List.copyOf(history);
    samples = List.copyOf(samples);
  }

  /** The same result as asked for by another suite (a replay from the cache keeps everything else). */
  public RunResult withSuite(String otherSuite) {
    return new RunResult(schema, otherSuite, language, architecture, seed, scale, configHash, cacheKey, modelConfig,
        training, data, environment, parameterCount, history, paperMetrics, bestMetrics, finalMetrics, stopReason,
        timings, samples, resumedFromStep, optimalTestLoss, excessTestLoss, prompts);
  }

  /** The run's metrics under an aggregation protocol. */
  public Metrics metrics(HistoryAggregation aggregation) {
    return switch (aggregation) {
      case PAPER -> paperMetrics;
      case BEST_CHECKPOINT -> bestMetrics;
      case FINAL -> finalMetrics;
    };
  }

  /** Shorthand for a metric under the papers' protocol. */
  public double metric(Metric metric) {
    return paperMetrics.get(metric);
  }

  /**
   * Where and with what the run was made.
   *
   * @param rulebenchVersion RuleBench's version
   * @param backend the tensor library and its version
   * @param device the device actually used
   * @param java the Java runtime
   * @param os operating system and architecture
   * @param cpu the processor's model and a hash of its instruction-set flags (what decides which
   *     kernels TensorFlow dispatches to, so which bits a seed produces); null where unknown
   * @param cores available processors
   * @param gitSha the commit of the working directory, if known
   */
  public record Environment(
      String rulebenchVersion, String backend, String device, String java, String os, String cpu, int cores,
      String gitSha) {}

  /**
   * Seconds spent in each phase.
   *
   * @param buildSeconds building the model (graph construction and initialisation)
   * @param firstStepSeconds the first training step, which pays for lazy set-up
   * @param trainingSeconds all training steps (of a resumed run, in every piece)
   * @param evaluationSeconds validation losses and prompt completion (of a resumed run, in every piece)
   * @param totalSeconds wall time of the run; of a resumed run, the earlier pieces' time up to the
   *     checkpoint it resumed from plus the last piece's (the time between pieces does not count)
   * @param steps optimizer steps taken
   * @param epochs epochs completed
   */
  public record Timings(
      double buildSeconds,
      double firstStepSeconds,
      double trainingSeconds,
      double evaluationSeconds,
      double totalSeconds,
      long steps,
      int epochs) {}

  /**
   * One prompt and what the model wrote after it.
   *
   * @param kind ID or OOD
   * @param prompt the prompt's symbols
   * @param completion the completion's symbols, up to and including its first EOS
   */
  public record CompletionSample(String kind, String prompt, String completion) {}
}
