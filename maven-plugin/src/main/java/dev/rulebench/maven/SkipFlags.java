package dev.rulebench.maven;

import java.util.Optional;

/** The three ways a build says "no suites now", shared by {@code run} and {@code verify}. */
final class SkipFlags {

  private SkipFlags() {}

  /** Which flag skips, if any: {@code rulebench.skip}, {@code skipTests} or {@code skipITs}. */
  static Optional<String> which(boolean skip, boolean skipTests, boolean skipITs) {
    if (skip) {
      return Optional.of("rulebench.skip");
    }
    if (skipTests) {
      return Optional.of("skipTests");
    }
    return skipITs ? Optional.of("skipITs") : Optional.empty();
  }
}
