package dev.rulebench.eval;

/**
 * One validation of a run: where training stood and what the model did on the prompts.
 *
 * @param epoch epochs completed
 * @param step optimizer steps completed
 * @param elapsedSeconds wall time since training started (of a resumed run, counting its earlier
 *     pieces up to the checkpoint)
 * @param learningRate the rate of the last step
 * @param trainLoss mean training loss since the previous validation
 * @param metrics test loss and rule metrics at this point
 */
public record EvaluationPoint(
    int epoch, long step, double elapsedSeconds, double learningRate, double trainLoss, Metrics metrics) {}
