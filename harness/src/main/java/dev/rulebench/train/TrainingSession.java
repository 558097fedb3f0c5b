package dev.rulebench.train;

import dev.rulebench.api.RunResult.CompletionSample;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.eval.PromptCompleter;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import dev.rulebench.result.RunResultAssembler;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.RandomStreams;
import dev.rulebench.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The mutable progress of one run, and what it takes to validate, checkpoint and resume it: the
 * trainer's loop moves it on, a checkpoint keeps it ({@link TrainerState}).
 */
final class TrainingSession {

  private final ProgressListener listener;
  private final CheckpointStore checkpoints;
  private final Trial trial;
  private final Language language;
  private final List<TokenBatch> validationBatches;
  private final PromptCompleter completer;
  private final double divergenceLimit;
  private TrainableModel model;
  int epoch;
  long step;
  double lastRate;
  double trainLossSum;
  int trainLossCount;
  double trainingSeconds;
  double evaluationSeconds;
  /** The wall time earlier pieces of a resumed run spent up to its checkpoint; 0 for a fresh run. */
  private double wallSecondsBefore;
  double bestLoss = Double.POSITIVE_INFINITY;
  private int validationsWithoutImprovement;
  final List<EvaluationPoint> history = new ArrayList<>();
  List<CompletionSample> samples = List.of();
  Long resumedFromStep;
  String stopReason;

  /** @param checkpoints where to keep and find checkpoints, or null for none */
  TrainingSession(Trial trial, Language language, PromptSets prompts, List<TokenBatch> validation,
      double divergenceLimit, ProgressListener listener, CheckpointStore checkpoints) {
    this.listener = listener;
    this.checkpoints = checkpoints;
    this.trial = trial;
    this.language = language;
    this.validationBatches = validation;
    this.completer = new PromptCompleter(language, prompts);
    this.divergenceLimit = divergenceLimit;
  }

  /**
   * Builds the model and restores the run's last verified checkpoint into it, if there is one. A
   * checkpoint the model refuses is discarded and the run starts from a freshly built model, since
   * a half-restored one is in no known state.
   */
  TrainableModel open(ModelSpec spec) {
    model = trial.newArchitecture().create(spec);
    try {
      return resume(spec);
    } catch (RuntimeException | Error e) {
      if (model != null) {
        model.close();
      }
      throw e;
    }
  }

  private TrainableModel resume(ModelSpec spec) {
    if (checkpoints == null) {
      return model;
    }
    Optional<CheckpointStore.Verified> checkpoint = checkpoints.latest(trial.cacheKey(),
        reason -> listener.checkpointDiscarded(trial, reason));
    if (checkpoint.isEmpty()) {
      return model;
    }
    try {
      model.restoreCheckpoint(checkpoint.get().modelFolder());
    } catch (RuntimeException e) {
      listener.checkpointDiscarded(trial, "checkpoint " + checkpoint.get().modelFolder().getParent()
          + " was refused by the model (" + e.getMessage() + "): discarded, training from the start");
      checkpoints.discardAll();
      TrainableModel refused = model;
      model = null;
      refused.close();
      model = trial.newArchitecture().create(spec);
      return model;
    }
    TrainerState state = checkpoint.get().state();
    epoch = state.epoch();
    step = state.step();
    history.addAll(state.history());
    bestLoss = state.bestLoss();
    validationsWithoutImprovement = state.validationsWithoutImprovement();
    trainingSeconds = state.trainingSeconds();
    evaluationSeconds = state.evaluationSeconds();
    samples = state.samples();
    stopReason = state.stopReason();
    if (!history.isEmpty()) {
      lastRate = history.get(history.size() - 1).learningRate();
      // the checkpoint was written right after its validation, so that validation's elapsed time
      // is the earlier pieces' wall time: the run's clock goes on from there
      wallSecondsBefore = history.get(history.size() - 1).elapsedSeconds();
    }
    resumedFromStep = step;
    listener.resumed(trial, step);
    return model;
  }

  /**
   * Fails the run when a loss is not finite or above {@link Trainer#DIVERGENCE_FACTOR} · ln |V|, so a
   * diverged run is never reported, cached or used as a baseline.
   */
  void requireNotDiverged(String which, double loss, String where) {
    if (!Double.isFinite(loss) || loss > divergenceLimit) {
      throw new TrainingDivergedException(String.format(Locale.ROOT,
          "the %s loss became %s at step %d (%s), %s: the run diverged; lower the learning rate or check the data",
          which, loss, step, where, Double.isFinite(loss) ? String.format(Locale.ROOT,
              "above %.4g = %.0f · ln %d, the divergence limit", divergenceLimit, Trainer.DIVERGENCE_FACTOR,
              language.vocabulary().size()) : "not a finite number"));
    }
  }

  /** Validates; returns whether early stopping ends the run. */
  boolean validate(long runStarted) {
    long validationStarted = System.nanoTime();
    double testLoss = 0;
    for (TokenBatch batch : validationBatches) {
      testLoss += model.loss(batch);
    }
    requireNotDiverged("test", testLoss, "validation after epoch " + epoch);
    PromptCompleter.Completed completed = completer.complete(model, InjectedFaults.decoding(
        trial.training().decodingOptions(RandomStreams.derive(trial.seed(), "decode", step))));
    samples = RunResultAssembler.samples(language.vocabulary(), completed);
    Metrics metrics = completed.metrics().with(Metric.TEST_LOSS, testLoss);
    evaluationSeconds += Trainer.seconds(validationStarted);
    EvaluationPoint point = new EvaluationPoint(epoch, step, wallSeconds(runStarted), lastRate,
        trainLossCount == 0 ? Double.NaN : trainLossSum / trainLossCount, metrics);
    history.add(point);
    trainLossSum = 0;
    trainLossCount = 0;
    listener.validated(trial, point);
    if (testLoss < bestLoss) {
      bestLoss = testLoss;
      validationsWithoutImprovement = 0;
    } else {
      validationsWithoutImprovement++;
    }
    int patience = trial.training().patience();
    return patience > 0 && validationsWithoutImprovement >= patience;
  }

  /**
   * The run's wall time: since {@code pieceStarted} plus, for a resumed run, what its earlier
   * pieces spent up to the checkpoint (the time between pieces does not count).
   */
  double wallSeconds(long pieceStarted) {
    return wallSecondsBefore + Trainer.seconds(pieceStarted);
  }

  /** Keeps where the run stands, after a validation; a no-op without a checkpoint folder. */
  void checkpoint() {
    if (checkpoints == null) {
      return;
    }
    checkpoints.save(new TrainerState(trial.cacheKey(), epoch, step, history, bestLoss, validationsWithoutImprovement,
        trainingSeconds, evaluationSeconds, samples, stopReason), model::saveCheckpoint);
  }
}
