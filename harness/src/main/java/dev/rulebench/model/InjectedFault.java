package dev.rulebench.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Faults in model behaviour that a test injects to prove the CI gate sees them (docs/ci-gate.md):
 * each is a bug a change could plausibly introduce, in the trainer, the evaluation or the model.
 *
 * <p>Test-only switch: the system property {@value #PROPERTY} = {@code <fault name>} turns one on
 * for the whole JVM. Unset, as in every real run, {@link #active()} is empty. A run with a fault
 * never reaches the result cache.
 */
public enum InjectedFault {

  /** The Transformer's causal mask lets each position see the next token too. */
  CAUSAL_MASK_LEAK,
  /** Every position is trained (and tested) on the token after its target. */
  TARGETS_SHIFTED,
  /** Completions are sampled at temperature 1 instead of decoded greedily. */
  SAMPLED_DECODING,
  /** Decoding never chooses EOS, so no completion finishes. */
  EOS_NEVER,
  /** Dropout stays on when the test loss is evaluated. */
  DROPOUT_AT_EVALUATION,
  /** Every learning rate ten times the configured one. */
  LEARNING_RATE_TIMES_10,
  /** Every learning rate a tenth of the configured one. */
  LEARNING_RATE_TIMES_0_1,
  /** The OOD prompt set replaced by the ID prompts. */
  OOD_PROMPTS_ARE_ID,
  /** The first parameter tensor (the token embedding) is left out of the optimizer. */
  FROZEN_LAYER;

  public static final String PROPERTY = "rulebench.test.fault";

  /** {@code causal-mask-leak}, … as the property names it. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The fault the property turns on, if any.
   *
   * @throws IllegalArgumentException naming the known faults when the property names none of them
   */
  public static Optional<InjectedFault> active() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Arrays.stream(values()).filter(f -> f.key().equals(value.trim())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(PROPERTY + "=" + value + " is no fault; known: "
            + Arrays.stream(values()).map(InjectedFault::key).collect(Collectors.joining(", ")))));
  }

  /** Whether this fault is the one turned on. */
  public boolean isActive() {
    return active().filter(this::equals).isPresent();
  }
}
