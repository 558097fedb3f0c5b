package dev.rulebench.trial;

import dev.rulebench.config.ConfigException;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How big a run is. {@code paper} is the papers' protocol; the smaller scales shorten the words,
 * size the sampled data sets and train for a fixed number of steps or until converged,
 * deterministically, so a scale names the same experiment on every machine.
 */
public enum Scale {

  /** Seconds per run: for tests and CI. */
  SMOKE(16, 256, 64, 24, 4, 8, 24, 128, 0),

  /**
   * About a minute per run on two cores: words up to 32 symbols, where the aⁿbⁿ Transformer cell
   * already shows rule extrapolation; 1000 steps of batches of at most 32 words (aⁿbⁿ's and
   * aⁿbⁿcⁿ's whole data sets are smaller, so only the sampled languages see smaller batches than
   * the papers' 128). docs/architectures.md, "Scales", has the measurements behind this choice and
   * the cells it reproduces.
   */
  QUICK(32, 2048, 256, 1000, 100, 100, 64, 32, 0),

  /**
   * For a CI gate on model behaviour: words up to 16 symbols and a fixed 1500 steps, where the
   * aⁿbⁿ models already obey the in-distribution rules and extrapolate measurably (seconds to a
   * minute per run). docs/ci-gate.md has the measurements behind the choice.
   */
  CI(16, 2048, 256, 1500, 100, 250, 32, 32, 0),

  /**
   * The papers' cells on a CPU: words up to 16 symbols and at least 15 000 training words for every
   * sampled language (there are few distinct short words, and with the papers' 512 Dyck words Mamba
   * memorised them within 500 steps), trained until converged, not for a fixed number of steps. A
   * run stops once its lowest test loss is within 1 % of the optimum of its validation words (about
   * where the papers' cells ended), or
   * after 10 validations (about 250 steps apart, rounded to whole epochs: 469 steps for 15 000
   * words) without a lower test loss, or at the 30 000-step cap, and says which in its stop reason.
   * docs/results.md has the measurements behind the choice.
   */
  REDUCED(16, 15_000, 512, 30_000, 200, 250, 32, 32, 10),

  /** SPEC §1.7: words up to 256, up to 50 000 epochs, validation every 250 (bⁿa^{2m}: 5000 / 100). */
  PAPER(0, 0, 0, 0, 0, 0, 0, 0, 0);

  private final int maxLength;
  private final int maxTrainSize;
  private final int validationSize;
  private final int steps;
  private final int warmupSteps;
  private final int stepsBetweenValidations;
  private final int maxNewTokens;
  private final int batchSize;
  private final int convergencePatience;

  /**
   * @param maxTrainSize below {@code paper}, the most training words a sampled language gets; for
   *     a scale that trains until converged, the fewest
   * @param steps the step budget, or the cap when the scale trains until converged
   * @param convergencePatience 0: a fixed step budget; otherwise the run stops once converged
   *     ({@link TrainingConfig#stopWhenConverged}) or after this many validations without a lower
   *     test loss
   */
  Scale(int maxLength, int maxTrainSize, int validationSize, int steps, int warmupSteps,
      int stepsBetweenValidations, int maxNewTokens, int batchSize, int convergencePatience) {
    this.maxLength = maxLength;
    this.maxTrainSize = maxTrainSize;
    this.validationSize = validationSize;
    this.steps = steps;
    this.warmupSteps = warmupSteps;
    this.stepsBetweenValidations = stepsBetweenValidations;
    this.maxNewTokens = maxNewTokens;
    this.batchSize = batchSize;
    this.convergencePatience = convergencePatience;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scale named {@code smoke}, {@code quick}, {@code ci}, {@code reduced} or {@code paper}. */
  public static Scale parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("unknown scale '" + text + "'; known: "
          + Arrays.stream(values()).map(Scale::key).collect(Collectors.joining(", ")));
    }
  }

  /** The data a language generates at this scale. */
  public DataSpec data(Language language) {
    DataSpec paper = language.paperData();
    if (this == PAPER) {
      return paper;
    }
    // below paper, a scale's sizes cap the papers' (smoke, quick), except that a converging scale
    // gives short words at least its own count, so models cannot memorise the few distinct ones
    int train = convergencePatience > 0 ? Math.max(paper.trainSize(), maxTrainSize)
        : Math.min(paper.trainSize(), maxTrainSize);
    return paper.withMaxLength(maxLength).withSizes(train, Math.min(paper.validationSize(), validationSize));
  }

  /**
   * The training protocol at this scale with a suite's or the command line's overrides on top. A
   * value the user states wins over the scale's default: below {@code paper} the scale fixes both
   * an epoch count and a step budget, so {@code epochs} alone lifts the step budget (the epochs
   * decide), and {@code maxSteps} alone raises the epochs to cover it.
   *
   * @throws ConfigException for an unknown, mistyped or out-of-range override
   */
  public TrainingConfig training(Language language, int trainingWords, Map<String, String> overrides) {
    // a stated batch size changes how many steps an epoch has: the scale's epochs and validation
    // spacing are worked out for it
    int batch = this == PAPER || !overrides.containsKey("batchSize") ? batchSize
        : TrainingConfig.paper().withOverrides(Map.of("batchSize", overrides.get("batchSize"))).batchSize();
    TrainingConfig defaults = training(language, trainingWords, batch);
    Map<String, String> reconciled = new LinkedHashMap<>(overrides);
    if (this != PAPER && overrides.containsKey("epochs") && !overrides.containsKey("maxSteps")) {
      reconciled.put("maxSteps", "0");
    }
    // no early stopping stated (patience=0) turns training until converged off, which needs it
    if (defaults.stopWhenConverged() && "0".equals(overrides.getOrDefault("patience", "").trim())
        && !overrides.containsKey("stopWhenConverged")) {
      reconciled.put("stopWhenConverged", "false");
    }
    TrainingConfig resolved = defaults.withOverrides(reconciled);
    if (this != PAPER && overrides.containsKey("maxSteps") && !overrides.containsKey("epochs")) {
      int stepsPerEpoch = Math.max(1, (trainingWords + resolved.batchSize() - 1) / resolved.batchSize());
      long needed = ((long) resolved.maxSteps() + stepsPerEpoch - 1) / stepsPerEpoch;
      if (needed > resolved.epochs()) {
        resolved = resolved.withOverrides(Map.of("epochs", String.valueOf(needed)));
      }
    }
    return resolved;
  }

  /**
   * The training protocol at this scale, before a suite's own overrides: the papers' protocol with
   * the language's departures, or, below {@code paper}, a fixed step budget with a per-step
   * schedule and validations spaced by steps.
   *
   * @param trainingWords how many training words the language generated at this scale
   */
  public TrainingConfig training(Language language, int trainingWords) {
    return training(language, trainingWords, batchSize);
  }

  private TrainingConfig training(Language language, int trainingWords, int batchSize) {
    TrainingConfig paper = TrainingConfig.paper().withOverrides(language.paperTrainingOverrides());
    if (this == PAPER) {
      return paper;
    }
    int stepsPerEpoch = Math.max(1, (trainingWords + batchSize - 1) / batchSize);
    int epochs = (steps + stepsPerEpoch - 1) / stepsPerEpoch;
    int validationInterval = Math.max(1, Math.round((float) stepsBetweenValidations / stepsPerEpoch));
    return new TrainingConfig(epochs, steps, paper.learningRate(), paper.beta1(), paper.beta2(),
        paper.epsilon(), paper.weightDecay(), warmupSteps, ScheduleUnit.STEP, batchSize,
        validationInterval, convergencePatience, paper.lossIncludesPad(), paper.decoding(), paper.temperature(),
        maxNewTokens, paper.deterministic(), paper.supervision(), convergencePatience > 0, paper.convergedWithin());
  }
}
