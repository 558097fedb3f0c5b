package dev.rulebench.maven.summary;

/**
 * Something that went wrong, or a run that could not start, in one line.
 *
 * @param kind check, run, suite, crash or engine
 * @param suite the suite class, if any
 * @param test the check's or run's reporting name, e.g. {@code learnsSomething [aNbN-transformer-1a2b seed 1]}
 * @param message what happened (a check's expected and actual)
 */
public record Problem(String kind, String suite, String test, String message) {

  /** One line, e.g. {@code check learnsSomething [aNbN-transformer-1a2b seed 1] failed: expected …}. */
  public String describe() {
    String what = switch (kind) {
      case "check" -> "check " + test + " failed";
      case "run" -> "run " + test + " failed";
      case "aborted" -> "run " + test + " did not run";
      case "crash" -> "suite " + suite + " crashed";
      case "suite" -> "suite " + suite + " failed";
      case "not-run" -> "suite " + suite + " did not run";
      default -> "RuleBench could not run";
    };
    return what + ": " + message;
  }
}
