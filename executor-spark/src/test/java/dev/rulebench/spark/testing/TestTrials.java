package dev.rulebench.spark.testing;

import dev.rulebench.grammar.builtin.ANbN;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import java.util.Map;

/** Smoke-scale aⁿbⁿ trials of the {@link BigramArchitecture}. */
public final class TestTrials {

  private TestTrials() {}

  /** A trial that trains normally. */
  public static Trial bigram(long seed) {
    return bigram(seed, Map.of());
  }

  /** A trial whose every training step sleeps, so it lasts about 24 × {@code millis} (smoke has 24 steps). */
  public static Trial slow(long seed, int millis) {
    return bigram(seed, Map.of(BigramArchitecture.STEP_DELAY_MILLIS, Integer.toString(millis)));
  }

  /** A trial whose model throws at a step. */
  public static Trial failing(long seed, int step) {
    return bigram(seed, Map.of(BigramArchitecture.FAIL_AT_STEP, Integer.toString(step)));
  }

  public static Trial bigram(long seed, Map<String, String> modelOverrides) {
    // sampled completions: a greedy bigram model never ends an aⁿbⁿ word, and all its metrics would be 0
    return Trial.at("spark-executor-test", new ANbN(), new BigramArchitecture(), modelOverrides,
        Map.of("decoding", "sample"), Scale.SMOKE, seed, "cpu");
  }
}
