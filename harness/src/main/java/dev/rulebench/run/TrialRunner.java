package dev.rulebench.run;

import dev.rulebench.api.RunResult;
import dev.rulebench.api.RunResult.CompletionSample;
import dev.rulebench.api.RunResult.Timings;
import dev.rulebench.config.Json;
import dev.rulebench.eval.CompletionEvaluator;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.grammar.CompletionTarget;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.TrainingData;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.io.Folders;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private final ProgressListener listener;
  private final BooleanSupplier cancelRequested;
  private final Path checkpointDirectory;

  /**
   * @param checkpointDirectory where to keep a checkpoint at every validation and resume from, or
   *     null for none
   */
  public TrialRunner(ProgressListener listener, BooleanSupplier cancelRequested, Path checkpointDirectory) {
    this.listener = listener;
    this.cancelRequested = cancelRequested;
    this.checkpointDirectory = checkpointDirectory;
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
    PromptSets prompts = language.prompts(Seeds.random(trial.seed(), "prompts"));
    List<BatchBuilder.Row> supervised = supervisedRows(language, prompts, config);
    // supervised OOD completions can be longer than the scale's words (a prompt of 8 plus 9 symbols
    // at smoke scale's 16): the model's positions then stretch to hold them
    int sequenceLength = Math.max(trial.data().sequenceLength(),
        supervised.stream().mapToInt(row -> row.word().length + 2).max().orElse(0));
    BatchBuilder batches = new BatchBuilder(sequenceLength, config.lossIncludesPad());
    List<TokenBatch> validationBatches = batches.evaluationBatches(data.validation(), config.batchSize());

    ModelSpec spec = new ModelSpec(trial.architecture(), trial.modelConfig(), language.vocabulary().size(),
        sequenceLength - 1, config.optimizer(), trial.seed(), trial.device(), config.deterministic());
    try (TrainableModel model = trial.newArchitecture().create(spec)) {
      double buildSeconds = seconds(started);
      Session session = new Session(trial, model, language, prompts, validationBatches);
      session.resume();
      int stepsPerEpoch = (data.train().size() + config.batchSize() - 1) / config.batchSize();
      long planned = (long) config.epochs() * stepsPerEpoch;
      if (config.maxSteps() > 0) {
        planned = Math.min(planned, config.maxSteps());
      }
      listener.started(trial, planned);
      double firstStepSeconds = Double.NaN;
      String stopReason = "reached " + config.epochs() + " epochs";
      while (session.epoch < config.epochs()) {
        int epoch = session.epoch;
        double rate = config.scheduleUnit() == ScheduleUnit.EPOCH ? config.schedule().rate(epoch) : Double.NaN;
        for (List<int[]> words : shuffledBatches(data.train(), config.batchSize(), trial.seed(), epoch)) {
          if (cancelRequested.getAsBoolean()) {
            throw new TrialCancelledException("cancelled at step " + session.step);
          }
          double stepRate = config.scheduleUnit() == ScheduleUnit.STEP ? config.schedule().rate(session.step) : rate;
          long stepStarted = System.nanoTime();
          double loss = model.trainStep(batches.batch(words, supervised), stepRate, session.step);
          double stepSeconds = seconds(stepStarted);
          if (Double.isNaN(firstStepSeconds)) {
            firstStepSeconds = stepSeconds;
          }
          session.trainingSeconds += stepSeconds;
          if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException("the training loss became " + loss + " at step " + session.step
                + " (epoch " + epoch + ", learning rate " + stepRate + "): lower the learning rate or check the data");
          }
          session.step++;
          session.lastRate = stepRate;
          session.trainLossSum += loss;
          session.trainLossCount++;
          double perStep = session.trainingSeconds / session.step;
          listener.stepped(trial, session.step, planned, epoch, loss, Duration.ofNanos(System.nanoTime() - started),
              Duration.ofMillis((long) (perStep * 1000 * Math.max(0, planned - session.step))));
          if (config.maxSteps() > 0 && session.step >= config.maxSteps()) {
            break;
          }
        }
        session.epoch++;
        boolean outOfSteps = config.maxSteps() > 0 && session.step >= config.maxSteps();
        boolean last = outOfSteps || session.epoch == config.epochs();
        if (session.epoch % config.validationInterval() == 0 || last) {
          if (session.validate(started)) {
            stopReason = "early stopping after " + config.patience() + " validations without a lower test loss";
            break;
          }
        }
        if (outOfSteps) {
          stopReason = "reached " + config.maxSteps() + " steps";
          break;
        }
      }
      List<EvaluationPoint> history = session.history;
      RunResult result = new RunResult(RunResult.SCHEMA, trial.suite(), trial.language(), trial.architecture(),
          trial.seed(), trial.scale().key(), trial.configHash(), trial.cacheKey(), trial.modelConfig(),
          config.toConfig(), trial.data(), RunEnvironment.capture(model.info()), model.info().parameterCount(),
          history, HistoryAggregation.PAPER.aggregate(history), HistoryAggregation.BEST_CHECKPOINT.aggregate(history),
          HistoryAggregation.FINAL.aggregate(history), stopReason,
          new Timings(buildSeconds, Double.isNaN(firstStepSeconds) ? 0 : firstStepSeconds, session.trainingSeconds,
              session.evaluationSeconds, seconds(started), session.step, session.epoch),
          session.samples);
      listener.finished(trial, result);
      return result;
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

  /** The mutable progress of one run, and what it takes to validate and checkpoint it. */
  private final class Session {
    private final Trial trial;
    private final TrainableModel model;
    private final Language language;
    private final PromptSets prompts;
    private final List<TokenBatch> validationBatches;
    private final CompletionEvaluator evaluator;
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

    Session(Trial trial, TrainableModel model, Language language, PromptSets prompts, List<TokenBatch> validation) {
      this.trial = trial;
      this.model = model;
      this.language = language;
      this.prompts = prompts;
      this.validationBatches = validation;
      this.evaluator = new CompletionEvaluator(language);
    }

    /** Validates; returns whether early stopping ends the run. */
    boolean validate(long runStarted) {
      long validationStarted = System.nanoTime();
      double testLoss = 0;
      for (TokenBatch batch : validationBatches) {
        testLoss += model.loss(batch);
      }
      if (!Double.isFinite(testLoss)) {
        throw new TrainingDivergedException("the test loss became " + testLoss + " at step " + step);
      }
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
      checkpoint();
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
      DecodingOptions options = trial.training().decodingOptions(Seeds.derive(trial.seed(), "decode", step));
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

    private void checkpoint() {
      if (checkpointDirectory == null) {
        return;
      }
      try {
        Path modelDirectory = checkpointDirectory.resolve("model");
        Path staging = checkpointDirectory.resolve("model.saving");
        Folders.delete(staging);
        Files.createDirectories(staging);
        model.saveCheckpoint(staging);
        Folders.delete(modelDirectory);
        Files.move(staging, modelDirectory);
        Json.writeAtomically(checkpointDirectory.resolve("trainer.json"), new TrainerState(trial.cacheKey(), epoch,
            step, history, bestLoss, validationsWithoutImprovement, trainingSeconds, evaluationSeconds));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the checkpoint in " + checkpointDirectory, e);
      }
    }

    /** Restores the last checkpoint of this same run, if there is one. */
    void resume() {
      if (checkpointDirectory == null) {
        return;
      }
      Path stateFile = checkpointDirectory.resolve("trainer.json");
      Path modelDirectory = checkpointDirectory.resolve("model");
      if (!Files.isRegularFile(stateFile) || !Files.isDirectory(modelDirectory)) {
        return;
      }
      TrainerState state = Json.read(stateFile, TrainerState.class);
      if (!trial.cacheKey().equals(state.cacheKey())) {
        return;
      }
      model.restoreCheckpoint(modelDirectory);
      epoch = state.epoch();
      step = state.step();
      history.addAll(state.history());
      bestLoss = state.bestLoss();
      validationsWithoutImprovement = state.validationsWithoutImprovement();
      trainingSeconds = state.trainingSeconds();
      evaluationSeconds = state.evaluationSeconds();
      if (!history.isEmpty()) {
        lastRate = history.get(history.size() - 1).learningRate();
      }
    }
  }
}
