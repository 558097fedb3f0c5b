package dev.rulebench.spi;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from a run's seed, one per purpose (data,
 * prompts, shuffling of epoch e, …), so that resuming at any epoch redraws exactly what an
 * uninterrupted run would have drawn.
 */
public final class RandomStreams {

  private RandomStreams() {}

  public static long derive(long seed, String purpose, long index) {
    long h = mix(seed);
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ b);
    }
    return mix(h ^ mix(index));
  }

  public static SplittableRandom random(long seed, String purpose, long index) {
    return new SplittableRandom(derive(seed, purpose, index));
  }

  public static SplittableRandom random(long seed, String purpose) {
    return random(seed, purpose, 0);
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
