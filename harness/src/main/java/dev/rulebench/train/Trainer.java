package dev.rulebench.train;

import dev.rulebench.api.PromptCounts;
import dev.rulebench.api.RunResult.Timings;
import dev.rulebench.api.RunResult;
import dev.rulebench.eval.Optimum;
import dev.rulebench.grammar.CompletionTarget;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.TrainingData;
import dev.rulebench.io.KillPoints;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import dev.rulebench.result.RunResultAssembler;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.RandomStreams;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.trial.ScheduleUnit;
import dev.rulebench.trial.TrainingConfig;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Trains one {@link Trial} through the model SPI: epochs of shuffled batches, the learning-rate
 * schedule, validation every N epochs (test loss and rule metrics on the prompt sets), early
 * stopping, and optional checkpoints to resume from.
 */
public final class Trainer {

  /**
   * A loss above this many times ln |V| (the loss of guessing uniformly among the vocabulary's |V|
   * tokens) means the run diverged: a model that learns anything stays far below it, and an
   * exploding one passes it within a few steps, long before its loss overflows.
   */
  static final double DIVERGENCE_FACTOR = 10;

  private final ProgressListener listener;
  private final BooleanSupplier cancelRequested;
  private final CheckpointStore checkpoints;
  private final int threads;

  /**
   * @param checkpointDirectory where to keep a checkpoint at every validation and resume from, or
   *     null for none
   * @param threads the CPU threads each model may use ({@link ModelSpec#threads()}), 0 for the
   *     architecture's own choice
   */
  public Trainer(ProgressListener listener, BooleanSupplier cancelRequested, Path checkpointDirectory,
      int threads) {
    this.listener = listener;
    this.cancelRequested = cancelRequested;
    this.checkpoints = checkpointDirectory == null ? null : new CheckpointStore(checkpointDirectory);
    this.threads = threads;
  }

  public Trainer(ProgressListener listener, BooleanSupplier cancelRequested, Path checkpointDirectory) {
    this(listener, cancelRequested, checkpointDirectory, 0);
  }

  public Trainer(ProgressListener listener) {
    this(listener, () -> false, null);
  }

  /** Trains the trial; listeners hear {@code failed} before any exception leaves. */
  public RunResult run(Trial trial) {
    try {
      return train(trial);
    } catch (RuntimeException | Error e) {
      listener.failed(trial, e);
      throw e;
    }
  }

  private RunResult train(Trial trial) {
    long started = System.nanoTime();
    Language language = trial.newLanguage();
    TrainingConfig config = trial.training();
    TrainingData data = language.generate(trial.data(), RandomStreams.random(trial.seed(), "data"));
    PromptSets prompts = InjectedFaults.prompts(language.prompts(RandomStreams.random(trial.seed(), "prompts")));
    List<BatchBuilder.Row> supervised = supervisedRows(language, prompts, config);
    // supervised OOD completions can be longer than the scale's words (a prompt of 8 plus 9 symbols
    // at smoke scale's 16): the model's positions then stretch to hold them
    int sequenceLength = Math.max(trial.data().sequenceLength(),
        supervised.stream().mapToInt(row -> row.word().length + 2).max().orElse(0));
    BatchBuilder batches = new BatchBuilder(sequenceLength, config.lossIncludesPad());
    List<TokenBatch> validationBatches = batches.evaluationBatches(data.validation(), config.batchSize());

    ModelSpec spec = new ModelSpec(trial.architecture(), trial.modelConfig(), language.vocabulary().size(),
        sequenceLength - 1, config.optimizer(), trial.seed(), trial.device(), config.deterministic(), threads);
    double divergenceLimit = DIVERGENCE_FACTOR * Math.log(language.vocabulary().size());
    TrainingSession session = new TrainingSession(trial, language, prompts, validationBatches, divergenceLimit,
        listener, checkpoints);
    double lowestPossible = lowestPossible(language, data.validation(), trial.data().maxLength(), sequenceLength,
        config.lossIncludesPad());
    try (TrainableModel model = session.open(spec)) {
      double buildSeconds = seconds(started);
      int stepsPerEpoch = (data.train().size() + config.batchSize() - 1) / config.batchSize();
      long planned = (long) config.epochs() * stepsPerEpoch;
      if (config.maxSteps() > 0) {
        planned = Math.min(planned, config.maxSteps());
      }
      listener.started(trial, planned);
      double firstStepSeconds = Double.NaN;
      // a run resumed from its final checkpoint has nothing left to train
      String stopReason = session.stopReason;
      while (stopReason == null && session.epoch < config.epochs()) {
        int epoch = session.epoch;
        double rate = config.scheduleUnit() == ScheduleUnit.EPOCH ? config.schedule().rate(epoch) : Double.NaN;
        for (List<int[]> words : BatchBuilder.shuffled(data.train(), config.batchSize(), trial.seed(), epoch)) {
          if (cancelRequested.getAsBoolean()) {
            throw new TrialCancelledException("cancelled at step " + session.step);
          }
          double stepRate = config.scheduleUnit() == ScheduleUnit.STEP ? config.schedule().rate(session.step) : rate;
          long stepStarted = System.nanoTime();
          double loss = model.trainStep(batches.batch(words, supervised), InjectedFaults.learningRate(stepRate),
              session.step);
          double stepSeconds = seconds(stepStarted);
          if (Double.isNaN(firstStepSeconds)) {
            firstStepSeconds = stepSeconds;
          }
          session.trainingSeconds += stepSeconds;
          session.requireNotDiverged("training", loss, "epoch " + epoch + ", learning rate " + stepRate);
          session.step++;
          session.lastRate = stepRate;
          session.trainLossSum += loss;
          session.trainLossCount++;
          double perStep = session.trainingSeconds / session.step;
          listener.stepped(trial, session.step, planned, epoch, loss, Duration.ofNanos(System.nanoTime() - started),
              Duration.ofMillis((long) (perStep * 1000 * Math.max(0, planned - session.step))));
          KillPoints.reached(KillPoints.STEP);
          if (config.maxSteps() > 0 && session.step >= config.maxSteps()) {
            break;
          }
        }
        session.epoch++;
        boolean outOfSteps = config.maxSteps() > 0 && session.step >= config.maxSteps();
        boolean last = outOfSteps || session.epoch == config.epochs();
        if (session.epoch % config.validationInterval() == 0 || last) {
          boolean patienceRanOut = session.validate(started);
          stopReason = StopRule.after(config, language.name(), session.bestLoss, session.step, lowestPossible,
              patienceRanOut, outOfSteps, last);
          session.stopReason = stopReason;
          session.checkpoint();
        }
      }
      RunResult result = RunResultAssembler.assemble(trial, model.info(), session.history, stopReason,
          new Timings(buildSeconds, Double.isNaN(firstStepSeconds) ? 0 : firstStepSeconds, session.trainingSeconds,
              session.evaluationSeconds, session.wallSeconds(started), session.step, session.epoch),
          session.samples, session.resumedFromStep, lowestPossible,
          new PromptCounts(prompts.id().size(), prompts.ood().size()));
      listener.finished(trial, result);
      return result;
    }
  }

  /**
   * The optimum of the run's validation words; NaN, never a failed run, when a user's language
   * describes its probabilities inconsistently (the number is a yardstick, not the experiment).
   */
  private static double lowestPossible(Language language, List<int[]> validation, int maxLength, int sequenceLength,
      boolean lossIncludesPad) {
    try {
      return Optimum.testLoss(language, validation, maxLength, sequenceLength, lossIncludesPad);
    } catch (RuntimeException e) {
      System.err.println("RuleBench: no optimum for " + language.name() + ": " + e.getMessage());
      return Double.NaN;
    }
  }

  /** The ICML case study's supervised OOD completions, if the training asks for them. */
  private static List<BatchBuilder.Row> supervisedRows(Language language, PromptSets prompts, TrainingConfig config) {
    Optional<CompletionTarget> target = config.supervisionTarget();
    if (target.isEmpty()) {
      return List.of();
    }
    List<BatchBuilder.Row> rows = new ArrayList<>();
    for (int[] prompt : prompts.ood().words()) {
      int[] completion = language.supervisedCompletion(target.get(), prompt).orElseThrow(
          () -> new dev.rulebench.config.ConfigException("language " + language.name() + " defines no "
              + target.get().name().toLowerCase(java.util.Locale.ROOT) + " completions (supervision="
              + config.supervision() + ")"));
      rows.add(BatchBuilder.Row.completionOf(prompt, completion));
    }
    return rows;
  }

  static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
