package dev.rulebench.result;

import dev.rulebench.api.PromptCounts;
import dev.rulebench.api.RunResult.CompletionSample;
import dev.rulebench.api.RunResult.Timings;
import dev.rulebench.api.RunResult;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metrics;
import dev.rulebench.eval.PromptCompleter;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.ModelInfo;
import dev.rulebench.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A trained run's {@link RunResult}: its trial, history under each aggregation, environment and timings. */
public final class RunResultAssembler {

  /** Completions of each prompt kind kept in a result, to read beside its numbers. */
  static final int SAMPLES_PER_KIND = 8;

  private RunResultAssembler() {}

  /**
   * @param lowestPossible the optimum of the run's validation words, NaN when unknown
   * @param resumedFromStep the step the run resumed from, or null
   */
  public static RunResult assemble(Trial trial, ModelInfo model, List<EvaluationPoint> history, String stopReason,
      Timings timings, List<CompletionSample> samples, Long resumedFromStep, double lowestPossible,
      PromptCounts prompts) {
    Metrics paper = HistoryAggregation.PAPER.aggregate(history);
    // the papers' test loss (the lowest over the validations) above the optimum
    Double optimum = Double.isNaN(lowestPossible) ? null : lowestPossible;
    Double excess = optimum == null ? null : paper.testLoss() - optimum;
    return new RunResult(RunResult.SCHEMA, trial.suite(), trial.language(), trial.architecture(), trial.seed(),
        trial.scale().key(), trial.configHash(), trial.cacheKey(), trial.modelConfig(), trial.training().toConfig(),
        trial.data(), RunEnvironment.capture(model), model.parameterCount(), history, paper,
        HistoryAggregation.BEST_CHECKPOINT.aggregate(history), HistoryAggregation.FINAL.aggregate(history),
        Objects.requireNonNull(stopReason), timings, samples, resumedFromStep, optimum, excess, prompts);
  }

  /** The first completions of each prompt kind, decoded. */
  public static List<CompletionSample> samples(Vocabulary vocabulary, PromptCompleter.Completed completed) {
    List<CompletionSample> chosen = new ArrayList<>();
    int all = completed.prompts().size();
    for (PromptKind kind : PromptKind.values()) {
      int from = kind == PromptKind.ID ? 0 : completed.idCount();
      int to = kind == PromptKind.ID ? completed.idCount() : all;
      for (int i = from; i < Math.min(to, from + SAMPLES_PER_KIND); i++) {
        chosen.add(new CompletionSample(kind.name(), vocabulary.decode(completed.prompts().get(i)),
            vocabulary.decode(completed.completions().get(i))));
      }
    }
    return chosen;
  }
}
