package dev.rulebench.io;

/** How RuleBench quotes a failure in a one-line report: the engine's, the result cache's. */
public final class Messages {

  private Messages() {}

  /** The first line of a failure's message, or its type when it has none. */
  public static String firstLine(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName()
        : message.lines().findFirst().orElse(message);
  }
}
