package dev.rulebench.model;

/**
 * How prompts are completed.
 *
 * @param mode greedy or sampling
 * @param temperature divides the logits when sampling
 * @param maxNewTokens the budget per prompt; each sequence also stops at its first EOS
 * @param seed fixes the sampling draws
 */
public record DecodingOptions(DecodingMode mode, double temperature, int maxNewTokens, long seed) {

  /** The reference budget: 300 new tokens. */
  public static final int REFERENCE_BUDGET = 300;

  public DecodingOptions {
    if (maxNewTokens <= 0) {
      throw new IllegalArgumentException("maxNewTokens must be positive, was " + maxNewTokens);
    }
    if (mode == DecodingMode.SAMPLE && !(temperature > 0)) {
      throw new IllegalArgumentException("sampling needs a positive temperature, was " + temperature);
    }
  }

  public static DecodingOptions greedy(int maxNewTokens) {
    return new DecodingOptions(DecodingMode.GREEDY, 1.0, maxNewTokens, 0L);
  }
}
