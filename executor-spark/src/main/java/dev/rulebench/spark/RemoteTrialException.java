package dev.rulebench.spark;

/**
 * A trial's failure on a Spark executor whose exception class is not on the driver's class path:
 * it keeps the remote class name, message and stack trace.
 */
public class RemoteTrialException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String remoteClassName;

  public RemoteTrialException(String remoteClassName, String message, StackTraceElement[] remoteStackTrace) {
    super(remoteClassName + (message == null ? "" : ": " + message));
    this.remoteClassName = remoteClassName;
    setStackTrace(remoteStackTrace);
  }

  /** The class of the exception thrown on the executor. */
  public String remoteClassName() {
    return remoteClassName;
  }
}
