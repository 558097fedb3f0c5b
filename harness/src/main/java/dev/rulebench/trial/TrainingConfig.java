package dev.rulebench.trial;

import dev.rulebench.config.ConfigException;
import dev.rulebench.config.Range;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.grammar.CompletionTarget;
import dev.rulebench.model.DecodingMode;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.OptimizerSettings;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a model is trained and evaluated. {@link #paper()} is SPEC §1.7; {@code @Training}, the
 * command line and scales change it through the keys of {@link #toConfig()}.
 *
 * @param epochs maximum epochs
 * @param maxSteps stop after this many optimizer steps (0: no limit)
 * @param learningRate AdamW's peak rate
 * @param beta1 AdamW β1
 * @param beta2 AdamW β2
 * @param epsilon AdamW ε
 * @param weightDecay decoupled weight decay
 * @param warmup warm-up length of the inverse-square-root schedule (0: constant rate)
 * @param scheduleUnit whether the schedule counts epochs (the reference) or steps
 * @param batchSize sequences per step
 * @param validationInterval epochs between validations
 * @param patience validations without a lower test loss before stopping (0: never stop early)
 * @param lossIncludesPad whether PAD targets count in the loss, as the papers' loss does
 * @param decoding greedy or sampling completion of prompts
 * @param temperature sampling temperature
 * @param maxNewTokens completion budget per prompt
 * @param deterministic identical numbers for the same seed, at some cost in speed
 * @param supervision the ICML case study's extra loss on OOD completions: none, adversarial, oracle
 * @param stopWhenConverged stop once the lowest test loss is within {@code convergedWithin} of the
 *     language's optimum ({@link dev.rulebench.eval.Optimum}); needs {@code patience ≥ 1}, which
 *     stops a run whose loss has stopped falling short of it
 * @param convergedWithin the excess over the optimum, relative to it, that counts as converged
 *     (0.01: 1 %, about where the papers' cells ended)
 */
public record TrainingConfig(
    int epochs,
    int maxSteps,
    double learningRate,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    int warmup,
    ScheduleUnit scheduleUnit,
    int batchSize,
    int validationInterval,
    int patience,
    boolean lossIncludesPad,
    DecodingMode decoding,
    double temperature,
    int maxNewTokens,
    boolean deterministic,
    String supervision,
    boolean stopWhenConverged,
    double convergedWithin)
    implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String OWNER = "@Training";

  public TrainingConfig {
    requirePositive("epochs", epochs);
    requirePositive("batchSize", batchSize);
    requirePositive("validationInterval", validationInterval);
    requirePositive("maxNewTokens", maxNewTokens);
    if (maxSteps < 0 || patience < 0 || warmup < 0) {
      throw new ConfigException("maxSteps, patience and warmup must not be negative");
    }
    if (!(learningRate > 0)) {
      throw new ConfigException("learningRate must be positive, was " + learningRate);
    }
    supervisionTarget(supervision);
    if (!(convergedWithin > 0)) {
      throw new ConfigException("convergedWithin must be positive (the relative excess over the optimum that counts as"
          + " converged, e.g. 0.01), was " + convergedWithin);
    }
    if (stopWhenConverged && patience < 1) {
      throw new ConfigException("stopWhenConverged needs patience ≥ 1 (validations without a lower test loss before a"
          + " run that stopped improving ends), was " + patience);
    }
  }

  private static void requirePositive(String key, int value) {
    if (value <= 0) {
      throw new ConfigException(key + " must be positive, was " + value);
    }
  }

  /** The papers' protocol (SPEC §1.7). */
  public static TrainingConfig paper() {
    return new TrainingConfig(50_000, 0, 2e-3, 0.9, 0.999, 1e-8, 0.01, 1000, ScheduleUnit.EPOCH,
        128, 250, 25, true, DecodingMode.GREEDY, 1.0, DecodingOptions.REFERENCE_BUDGET, false, "none", false, 0.01);
  }

  /** Every key with its current value, typed; the keys {@code @Training} accepts. */
  public TypedConfig toConfig() {
    return TypedConfig.builder()
        .put("epochs", epochs, Range.atLeast(1))
        .put("maxSteps", maxSteps, Range.atLeast(0))
        .put("learningRate", learningRate, Range.positive())
        .put("beta1", beta1, Range.fraction())
        .put("beta2", beta2, Range.fraction())
        .put("epsilon", epsilon, Range.positive())
        .put("weightDecay", weightDecay, Range.atLeast(0))
        .put("warmup", warmup, Range.atLeast(0))
        .put("scheduleUnit", scheduleUnit.name().toLowerCase(Locale.ROOT))
        .put("batchSize", batchSize, Range.atLeast(1))
        .put("validationInterval", validationInterval, Range.atLeast(1))
        .put("patience", patience, Range.atLeast(0))
        .put("lossIncludesPad", lossIncludesPad)
        .put("decoding", decoding.name().toLowerCase(Locale.ROOT))
        .put("temperature", temperature, Range.positive())
        .put("maxNewTokens", maxNewTokens, Range.atLeast(1))
        .put("deterministic", deterministic)
        .put("supervision", supervision)
        .put("stopWhenConverged", stopWhenConverged)
        .put("convergedWithin", convergedWithin, Range.positive())
        .build();
  }

  public static TrainingConfig fromConfig(TypedConfig c) {
    return new TrainingConfig(c.intValue("epochs"), c.intValue("maxSteps"), c.doubleValue("learningRate"),
        c.doubleValue("beta1"), c.doubleValue("beta2"), c.doubleValue("epsilon"), c.doubleValue("weightDecay"),
        c.intValue("warmup"), enumValue(ScheduleUnit.class, "scheduleUnit", c.stringValue("scheduleUnit")),
        c.intValue("batchSize"), c.intValue("validationInterval"), c.intValue("patience"),
        c.booleanValue("lossIncludesPad"), enumValue(DecodingMode.class, "decoding", c.stringValue("decoding")),
        c.doubleValue("temperature"), c.intValue("maxNewTokens"), c.booleanValue("deterministic"),
        c.stringValue("supervision").toLowerCase(Locale.ROOT), c.booleanValue("stopWhenConverged"),
        c.doubleValue("convergedWithin"));
  }

  /**
   * A copy with some keys replaced, e.g. {@code epochs=100}.
   *
   * @throws ConfigException naming an unknown key, a mistyped value or a value out of range
   */
  public TrainingConfig withOverrides(Map<String, String> overrides) {
    return fromConfig(toConfig().withOverrides(overrides, OWNER));
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String text) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder known = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        known.append(known.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new ConfigException("value '" + text + "' of '" + key + "' for " + OWNER + " is not one of: " + known);
    }
  }

  /** The ICML supervision target, if any. */
  public Optional<CompletionTarget> supervisionTarget() {
    return supervisionTarget(supervision);
  }

  private static Optional<CompletionTarget> supervisionTarget(String supervision) {
    if (supervision == null || supervision.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    return Optional.of(enumValue(CompletionTarget.class, "supervision", supervision));
  }

  public OptimizerSettings optimizer() {
    return new OptimizerSettings(beta1, beta2, epsilon, weightDecay);
  }

  public LearningRateSchedule schedule() {
    return new LearningRateSchedule(learningRate, warmup);
  }

  public DecodingOptions decodingOptions(long seed) {
    return new DecodingOptions(decoding, temperature, maxNewTokens, seed);
  }
}
