package dev.rulebench.spi;

/** The run was asked to stop (JUnit cancellation, Ctrl-C) and did so at a step boundary. */
public class TrialCancelledException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TrialCancelledException(String message) {
    super(message);
  }
}
