package dev.rulebench.engine.execution;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Crash handling shared by runs and checks. */
final class Failures {

  private Failures() {}

  /**
   * The failure itself, without the wrappers that reflection and concurrency put around it, so
   * reports show what went wrong rather than how it travelled.
   */
  static Throwable unwrap(Throwable thrown) {
    Throwable current = thrown;
    while ((current instanceof InvocationTargetException || current instanceof ExecutionException
        || current instanceof CompletionException || current instanceof UndeclaredThrowableException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** The first line of a failure's message, or its type. */
  static String summary(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName()
        : message.lines().findFirst().orElse(message);
  }
}
