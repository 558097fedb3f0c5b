package dev.rulebench.engine.execution;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Crash handling shared by runs and checks. */
final class Failures {

  private Failures() {}

  /**
   * The failure itself, without the wrappers that reflection, concurrency and executors put around
   * it, so reports show what went wrong rather than how it travelled: reflection and future
   * wrappers, and a plain {@code RuntimeException} that only carries its cause (no message of its
   * own).
   */
  static Throwable unwrap(Throwable thrown) {
    Throwable current = thrown;
    while (current.getCause() != null && current.getCause() != current && isWrapper(current)) {
      current = current.getCause();
    }
    return current;
  }

  private static boolean isWrapper(Throwable thrown) {
    if (thrown instanceof InvocationTargetException || thrown instanceof ExecutionException
        || thrown instanceof CompletionException || thrown instanceof UndeclaredThrowableException) {
      return true;
    }
    String message = thrown.getMessage();
    return thrown.getClass() == RuntimeException.class
        && (message == null || message.equals(thrown.getCause().toString()));
  }
}
