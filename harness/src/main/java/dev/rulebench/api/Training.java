package dev.rulebench.api;

import dev.rulebench.model.DecodingMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides of a {@link RuleExtrapolation} suite's training protocol, on top of what the scale
 * defines for each language. Every attribute is optional (its default, an empty array, means "as
 * the scale says"); give at most one value each.
 *
 * <pre>{@code
 * @Training(epochs = 200, learningRate = 1e-3, lossIncludesPad = false)
 * }</pre>
 *
 * <p>Repeated, each {@code @Training} is a variant: every language × architecture gets a cell per
 * variant, as the ICML case study trains the same model normally, adversarially and with the oracle:
 *
 * <pre>{@code
 * @Training(set = "supervision=none")
 * @Training(set = "supervision=adversarial")
 * @Training(set = "supervision=oracle")
 * }</pre>
 *
 * <p>{@link #set()} reaches every key of {@code dev.rulebench.trial.TrainingConfig#toConfig()}:
 * epochs, maxSteps, learningRate, beta1, beta2, epsilon, weightDecay, warmup, scheduleUnit,
 * batchSize, validationInterval, patience, lossIncludesPad, decoding, temperature, maxNewTokens,
 * deterministic, supervision.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Trainings.class)
public @interface Training {

  /** Maximum epochs. */
  int[] epochs() default {};

  /** Stop after this many optimizer steps (0: no limit). */
  int[] maxSteps() default {};

  /** AdamW's peak learning rate. */
  double[] learningRate() default {};

  /** Sequences per step. */
  int[] batchSize() default {};

  /** Epochs between validations. */
  int[] validationInterval() default {};

  /** Validations without a lower test loss before stopping early (0: never). */
  int[] patience() default {};

  /** Greedy or sampling completion of the prompts. */
  DecodingMode[] decoding() default {};

  /** Whether PAD targets count in the loss, as they do in the papers. */
  boolean[] lossIncludesPad() default {};

  /** Any training key as {@code key=value}, e.g. {@code warmup=0}. */
  String[] set() default {};
}
