package dev.rulebench.train;

import dev.rulebench.api.RunResult.CompletionSample;
import dev.rulebench.eval.EvaluationPoint;
import java.util.List;

/**
 * Where a run stood at its last validation: part of the checkpoint, so an interrupted run can
 * resume exactly there.
 *
 * @param cacheKey the run this state belongs to; a state of another run is never resumed
 * @param epoch epochs completed
 * @param step optimizer steps completed
 * @param history validations so far
 * @param bestLoss lowest test loss so far
 * @param validationsWithoutImprovement for early stopping
 * @param trainingSeconds time spent in steps so far
 * @param evaluationSeconds time spent validating so far
 * @param samples the completions sampled at the last validation
 * @param stopReason why training ended, if this was its last validation; null while it goes on
 */
public record TrainerState(
    String cacheKey,
    int epoch,
    long step,
    List<EvaluationPoint> history,
    double bestLoss,
    int validationsWithoutImprovement,
    double trainingSeconds,
    double evaluationSeconds,
    List<CompletionSample> samples,
    String stopReason) {

  public TrainerState {
    history = List.copyOf(history);
    samples = samples == null ? List.of() : List.copyOf(samples);
  }
}
