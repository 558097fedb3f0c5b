package dev.rulebench.spark;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * What one Spark task sends back to the driver for its trial: the result as RunResult JSON, or the
 * trial's failure, so a failing trial is that run's outcome and never fails the Spark job.
 *
 * <p>A failure travels twice: Java-serialised, to be rethrown with its own type where the driver
 * knows the class, and as plain text ({@link RemoteFailure}) for when it does not.
 *
 * @param resultJson the run's result, or null after a failure
 * @param failureBytes the serialised exception, or null (success, or not serialisable)
 * @param failure the exception as text, or null after success
 * @param executorId the Spark executor that ran the trial
 * @param attempt Spark's attempt number of the task (0 the first time; more after a lost executor)
 */
public record TrialOutcome(
    String resultJson, byte[] failureBytes, RemoteFailure failure, String executorId, int attempt)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public static TrialOutcome succeeded(RunResult result, String executorId, int attempt) {
    return new TrialOutcome(Json.write(result), null, null, executorId, attempt);
  }

  public static TrialOutcome failed(Throwable failure, String executorId, int attempt) {
    return new TrialOutcome(null, serialise(failure), RemoteFailure.of(failure), executorId, attempt);
  }

  public boolean succeeded() {
    return resultJson != null;
  }

  /** The result, or the trial's failure rethrown on this side. */
  public RunResult resultOrThrow() {
    if (succeeded()) {
      return Json.read(resultJson, RunResult.class);
    }
    Throwable thrown = failure(Thread.currentThread().getContextClassLoader());
    if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
    throw new RemoteTrialException(thrown.getClass().getName(), thrown.getMessage(), thrown.getStackTrace());
  }

  /** The failure with its own type if {@code loader} knows every class in it, else as a {@link RemoteTrialException}. */
  public Throwable failure(ClassLoader loader) {
    if (succeeded()) {
      throw new IllegalStateException("the trial succeeded");
    }
    if (failureBytes != null) {
      try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(failureBytes), loader)) {
        return (Throwable) in.readObject();
      } catch (IOException | ClassNotFoundException | ClassCastException e) {
        // a class the driver lacks (a user's exception shipped only to the executors): fall back to text
      }
    }
    return failure.toException();
  }

  private static byte[] serialise(Throwable failure) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(failure);
    } catch (IOException e) {
      return null; // something in it is not serialisable: the text form still travels
    }
    return bytes.toByteArray();
  }

  /**
   * An exception as text: class name, message, stack trace and cause.
   *
   * @param className the exception's class
   * @param message its message, or null
   * @param stackTrace where it was thrown on the executor
   * @param cause the same for its cause, or null
   */
  public record RemoteFailure(String className, String message, StackTraceElement[] stackTrace, RemoteFailure cause)
      implements Serializable {

    private static final long serialVersionUID = 1L;

    static RemoteFailure of(Throwable failure) {
      return of(failure, 0);
    }

    private static RemoteFailure of(Throwable failure, int depth) {
      Throwable cause = failure.getCause();
      return new RemoteFailure(failure.getClass().getName(), failure.getMessage(), failure.getStackTrace(),
          cause == null || cause == failure || depth > 16 ? null : of(cause, depth + 1));
    }

    RemoteTrialException toException() {
      RemoteTrialException exception = new RemoteTrialException(className, message, stackTrace);
      if (cause != null) {
        exception.initCause(cause.toException());
      }
      return exception;
    }
  }

  /** Resolves classes through a given loader (the thread's context loader, where user classes live). */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
      return Class.forName(description.getName(), false, loader);
    }
  }
}
