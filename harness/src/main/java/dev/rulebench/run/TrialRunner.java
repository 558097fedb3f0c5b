package dev.rulebench.run;

import dev.rulebench.api.PromptCounts;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.RunResult.CompletionSample;
import dev.rulebench.api.RunResult.Timings;
import dev.rulebench.eval.CompletionEvaluator;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.eval.Optimum;
import dev.rulebench.grammar.CompletionTarget;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.TrainingData;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.io.KillPoints;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Trains one {@link Trial} through the model SPI: epochs of shuffled batches, the learning-rate
 * schedule, validation every N epochs (test loss and rule metrics on the prompt sets), early
 * stopping, and optional checkpoints to resume from.
 */
public final class TrialRunner {

  private static final int SAMPLES_PER_KIND = 8;

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
  public TrialRunner(ProgressListener listener, BooleanSupplier cancelRequested, Path checkpointDirectory,
      int threads) {
    this.listener = listener;
    this.cancelRequested = cancelRequested;
    this.checkpoints = checkpointDirectory == null ? null : new CheckpointStore(checkpointDirectory);
    this.threads = threads;
  }

  public TrialRunner(ProgressListener listener, BooleanSupplier cancelRequested, Path checkpointDirectory) {
    this(listener, cancelRequested, checkpointDirectory, 0);
  }

  public TrialRunner(ProgressListener listener) {
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
    TrainingData data = language.generate(trial.data(), Seeds.random(trial.seed(), "data"));
    PromptSets prompts = InjectedFaults.prompts(language.prompts(Seeds.random(trial.seed(), "prompts")));
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
    Session session = new Session(trial, language, prompts, validationBatches, divergenceLimit);
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
        for (List<int[]> words : shuffledBatches(data.train(), config.batchSize(), trial.seed(), epoch)) {
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
          stopReason = stopReason(config, language, session, lowestPossible, patienceRanOut, outOfSteps, last);
          session.stopReason = stopReason;
          session.checkpoint();
        }
      }
      List<EvaluationPoint> history = session.history;
      Metrics paper = HistoryAggregation.PAPER.aggregate(history);
      // the papers' test loss (the lowest over the validations) above the optimum
      Double optimum = Double.isNaN(lowestPossible) ? null : lowestPossible;
      Double excess = optimum == null ? null : paper.testLoss() - optimum;
      RunResult result = new RunResult(RunResult.SCHEMA, trial.suite(), trial.language(), trial.architecture(),
          trial.seed(), trial.scale().key(), trial.configHash(), trial.cacheKey(), trial.modelConfig(),
          config.toConfig(), trial.data(), RunEnvironment.capture(model.info()), model.info().parameterCount(),
          history, paper, HistoryAggregation.BEST_CHECKPOINT.aggregate(history),
          HistoryAggregation.FINAL.aggregate(history), Objects.requireNonNull(stopReason),
          new Timings(buildSeconds, Double.isNaN(firstStepSeconds) ? 0 : firstStepSeconds, session.trainingSeconds,
              session.evaluationSeconds, seconds(started), session.step, session.epoch),
          session.samples, session.resumedFromStep, optimum, excess,
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

  /**
   * Why training ends after this validation, or null while it goes on: converged (when asked, and
   * the optimum is known), patience run out, the step budget or cap, or the last epoch.
   */
  private static String stopReason(TrainingConfig config, Language language, Session session, double lowestPossible,
      boolean patienceRanOut, boolean outOfSteps, boolean lastEpoch) {
    if (config.stopWhenConverged() && session.bestLoss - lowestPossible <= config.convergedWithin() * lowestPossible) {
      return String.format(Locale.ROOT, "converged: test loss %.5f within %.1f %% of the optimum %.5f at step %d",
          session.bestLoss, 100 * config.convergedWithin(), lowestPossible, session.step);
    }
    if (patienceRanOut) {
      return "early stopping after " + config.patience() + " validations without a lower test loss";
    }
    if (outOfSteps) {
      if (!config.stopWhenConverged()) {
        return "reached " + config.maxSteps() + " steps";
      }
      return "reached the cap of " + config.maxSteps() + " steps " + (Double.isNaN(lowestPossible)
          ? "(the optimum of " + language.name() + " is unknown here, so convergence is not judged)"
          : "without converging");
    }
    return lastEpoch ? "reached " + config.epochs() + " epochs" : null;
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

  /** The epoch's batches, shuffled by a stream derived from the seed and the epoch alone. */
  static List<List<int[]>> shuffledBatches(List<int[]> words, int batchSize, long seed, int epoch) {
    int[] order = new int[words.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = Seeds.random(seed, "shuffle", epoch);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<List<int[]>> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += batchSize) {
      List<int[]> batch = new ArrayList<>();
      for (int i = from; i < Math.min(order.length, from + batchSize); i++) {
        batch.add(words.get(order[i]));
      }
      batches.add(batch);
    }
    return batches;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** The mutable progress of one run, and what it takes to validate, checkpoint and resume it. */
  private final class Session {
    private final Trial trial;
    private final Language language;
    private final PromptSets prompts;
    private final List<TokenBatch> validationBatches;
    private final CompletionEvaluator evaluator;
    private final double divergenceLimit;
    private TrainableModel model;
    private int epoch;
    private long step;
    private double lastRate;
    private double trainLossSum;
    private int trainLossCount;
    private double trainingSeconds;
    private double evaluationSeconds;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int validationsWithoutImprovement;
    private final List<EvaluationPoint> history = new ArrayList<>();
    private List<CompletionSample> samples = List.of();
    private Long resumedFromStep;
    private String stopReason;

    Session(Trial trial, Language language, PromptSets prompts, List<TokenBatch> validation, double divergenceLimit) {
      this.trial = trial;
      this.language = language;
      this.prompts = prompts;
      this.validationBatches = validation;
      this.evaluator = new CompletionEvaluator(language);
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
      }
      resumedFromStep = step;
      listener.resumed(trial, step);
      return model;
    }

    /**
     * Fails the run when a loss is not finite or above {@link #DIVERGENCE_FACTOR} · ln |V|, so a
     * diverged run is never reported, cached or used as a baseline.
     */
    void requireNotDiverged(String which, double loss, String where) {
      if (!Double.isFinite(loss) || loss > divergenceLimit) {
        throw new TrainingDivergedException(String.format(Locale.ROOT,
            "the %s loss became %s at step %d (%s), %s: the run diverged; lower the learning rate or check the data",
            which, loss, step, where, Double.isFinite(loss) ? String.format(Locale.ROOT,
                "above %.4g = %.0f · ln %d, the divergence limit", divergenceLimit, DIVERGENCE_FACTOR,
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
      Metrics metrics = completePrompts().with(Metric.TEST_LOSS, testLoss);
      evaluationSeconds += seconds(validationStarted);
      EvaluationPoint point = new EvaluationPoint(epoch, step, seconds(runStarted), lastRate,
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

    /** Completes every prompt, grouping prompts of equal length into one batch. */
    private Metrics completePrompts() {
      List<int[]> all = new ArrayList<>(prompts.id().words());
      all.addAll(prompts.ood().words());
      Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
      for (int i = 0; i < all.size(); i++) {
        byLength.computeIfAbsent(all.get(i).length, k -> new ArrayList<>()).add(i);
      }
      int[][] completions = new int[all.size()][];
      DecodingOptions options = InjectedFaults.decoding(
          trial.training().decodingOptions(Seeds.derive(trial.seed(), "decode", step)));
      for (List<Integer> group : byLength.values()) {
        int[][] batch = group.stream().map(i -> Vocabulary.prompt(all.get(i))).toArray(int[][]::new);
        int[][] out = model.complete(batch, options);
        for (int g = 0; g < group.size(); g++) {
          completions[group.get(g)] = out[g];
        }
      }
      int ids = prompts.id().size();
      List<int[]> idCompletions = List.of(completions).subList(0, ids);
      List<int[]> oodCompletions = List.of(completions).subList(ids, all.size());
      samples = sample(all, completions, ids);
      return evaluator.evaluate(prompts, idCompletions, oodCompletions);
    }

    private List<CompletionSample> sample(List<int[]> all, int[][] completions, int ids) {
      Vocabulary vocabulary = language.vocabulary();
      List<CompletionSample> chosen = new ArrayList<>();
      for (PromptKind kind : PromptKind.values()) {
        int from = kind == PromptKind.ID ? 0 : ids;
        int to = kind == PromptKind.ID ? ids : all.size();
        for (int i = from; i < Math.min(to, from + SAMPLES_PER_KIND); i++) {
          chosen.add(new CompletionSample(kind.name(), vocabulary.decode(all.get(i)), vocabulary.decode(completions[i])));
        }
      }
      return chosen;
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
}
