package dev.rulebench.run;

import dev.rulebench.eval.EvaluationPoint;
import java.util.List;

/**
 * Where a run stood at its last validation: written beside the model's checkpoint so an
 * interrupted run can resume exactly there.
 *
 * @param cacheKey the run this state belongs to; a state of another run is never resumed
 * @param epoch epochs completed
 * @param step optimizer steps completed
 * @param history validations so far
 * @param bestLoss lowest test loss so far
 * @param validationsWithoutImprovement for early stopping
 * @param trainingSeconds time spent in steps so far
 * @param evaluationSeconds time spent validating so far
 */
public record TrainerState(
    String cacheKey,
    int epoch,
    long step,
    List<EvaluationPoint> history,
    double bestLoss,
    int validationsWithoutImprovement,
    double trainingSeconds,
    double evaluationSeconds) {}
