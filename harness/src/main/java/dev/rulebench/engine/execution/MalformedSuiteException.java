package dev.rulebench.engine.execution;

/** A suite's annotations are wrong: the message lists each mistake with its fix, one per line. */
public final class MalformedSuiteException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MalformedSuiteException(String mistakes) {
    super(mistakes, null, false, false);
  }
}
