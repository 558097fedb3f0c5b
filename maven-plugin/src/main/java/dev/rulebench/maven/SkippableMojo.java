package dev.rulebench.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The three ways a build says "no suites now", shared by {@code run}, {@code report} and
 * {@code verify}: {@code -Drulebench.skip}, Surefire's {@code -DskipTests} and Failsafe's
 * {@code -DskipITs} (the suites run as integration tests).
 */
abstract class SkippableMojo extends AbstractMojo {

  /** Skips the RuleBench goals {@code run}, {@code report} and {@code verify}. */
  @Parameter(property = "rulebench.skip", defaultValue = "false")
  private boolean skip;

  /** Surefire's flag: skipping tests skips the suites too. */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  /** Failsafe's flag: the suites run as integration tests. */
  @Parameter(property = "skipITs", defaultValue = "false")
  private boolean skipITs;

  /** Whether a flag skips this goal; if one does, says so, e.g. "RuleBench reports skipped (skipTests)". */
  boolean skipped(String what) {
    String flag = skip ? "rulebench.skip" : skipTests ? "skipTests" : skipITs ? "skipITs" : null;
    if (flag != null) {
      getLog().info("RuleBench " + what + " skipped (" + flag + ")");
    }
    return flag != null;
  }
}
