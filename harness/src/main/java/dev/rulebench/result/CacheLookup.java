package dev.rulebench.result;

import dev.rulebench.api.RunResult;

/** What the cache holds for a key. */
public sealed interface CacheLookup {

  /** A verified result, replayed instead of training. */
  record Hit(RunResult result) implements CacheLookup {}

  /** Nothing stored. */
  record Miss() implements CacheLookup {}

  /**
   * An entry that failed verification (half-written, truncated, edited, or for another key); it
   * has been removed and the run must train again.
   *
   * @param problem what was wrong, for the report
   */
  record Corrupt(String problem) implements CacheLookup {}
}
