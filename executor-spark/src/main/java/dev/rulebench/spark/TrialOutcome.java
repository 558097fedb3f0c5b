package dev.rulebench.spark;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;

/**
 * What one Spark task sends back to the driver for its trial: the result as RunResult JSON, or the
 * trial's failure, so a failing trial is that run's outcome and never fails the Spark job.
 *
 * <p>A failure travels twice: Java-serialised, to be rethrown with its own type where the driver
 * knows the class, and as plain text ({@link RemoteFailure}) for when it does not. The driver reads
 * the serialised exception through {@link FailureFilter}, which accepts only what an exception is
 * made of; anything else makes it fall back to the text.
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

  /**
   * The failure with its own type if {@code loader} knows every class in it and {@link FailureFilter}
   * accepts them all, else as a {@link RemoteTrialException}; when the filter refused the bytes, the
   * refusal (naming the class) is a suppressed exception of that {@code RemoteTrialException}.
   */
  public Throwable failure(ClassLoader loader) {
    if (succeeded()) {
      throw new IllegalStateException("the trial succeeded");
    }
    if (failureBytes != null) {
      FailureFilter filter = new FailureFilter();
      try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(failureBytes), loader, filter)) {
        return (Throwable) in.readObject();
      } catch (IOException | ClassNotFoundException | ClassCastException e) {
        // a class the driver lacks (a user's exception shipped only to the executors), or one the
        // filter refused: fall back to text, saying what was refused
        RemoteTrialException asText = failure.toException();
        if (filter.rejection != null) {
          InvalidClassException refused = new InvalidClassException(filter.rejection);
          refused.initCause(e);
          asText.addSuppressed(refused);
        }
        return asText;
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

  /**
   * What the driver accepts in a failure's bytes, kept in this one place. The bytes come from an
   * executor, another machine, and deserialising runs code of whatever classes they name (the
   * classic gadget chains start in some {@code readObject}), so only what Java serialisation writes
   * for an exception is allowed:
   *
   * <ul>
   *   <li>{@link Throwable} and its subclasses, whatever their package: rethrowing the trial's own
   *       exception type, a user's included, is why the bytes travel at all;
   *   <li>the parts of Throwable's own serial form: {@link StackTraceElement}, and the lists it
   *       keeps suppressed exceptions in ({@link ArrayList}, {@link Collections#emptyList()});
   *   <li>plain values an exception's own fields may hold: {@link String}, the boxed primitives
   *       and {@link Number}, enums;
   *   <li>arrays of any of these, of primitives, and {@code Object[]} (ArrayList's backing array;
   *       each element is checked on its own).
   * </ul>
   *
   * <p>Everything else is rejected: collections other than those two, maps, a user's payload
   * object, proxies. The limits are far above a real failure (one level of depth per cause; a
   * stack trace holds at most 1024 frames unless the JVM is told otherwise) and stop a small
   * stream from building a deep or huge graph. One instance reads one stream and keeps why it
   * rejected it.
   */
  static final class FailureFilter implements ObjectInputFilter {

    static final long MAX_DEPTH = 200;
    static final long MAX_REFERENCES = 1_000_000;
    static final long MAX_ARRAY_LENGTH = 1_000_000;
    static final long MAX_BYTES = 64L << 20;

    private static final Set<Class<?>> ALLOWED = Set.of(
        StackTraceElement.class, ArrayList.class, Collections.emptyList().getClass(),
        String.class, Boolean.class, Character.class, Number.class,
        Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class);

    /** Why the stream was rejected, or null. */
    String rejection;

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
          || info.arrayLength() > MAX_ARRAY_LENGTH || info.streamBytes() > MAX_BYTES) {
        return reject(String.format(
            "executor sent a failure beyond RuleBench's limits (depth %d, references %d, array length %d, bytes %d;"
                + " at most %d, %d, %d, %d)",
            info.depth(), info.references(), info.arrayLength(), info.streamBytes(),
            MAX_DEPTH, MAX_REFERENCES, MAX_ARRAY_LENGTH, MAX_BYTES));
      }
      Class<?> type = info.serialClass();
      if (type == null) {
        return Status.UNDECIDED; // a limits-only check (or a class the loader lacks, which fails on its own)
      }
      if (accepts(type)) {
        return Status.ALLOWED;
      }
      return reject("executor sent a failure containing " + type.getTypeName() + ", which RuleBench does not accept");
    }

    private static boolean accepts(Class<?> type) {
      Class<?> element = type;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (element != type && (element.isPrimitive() || element == Object.class)) {
        return true;
      }
      return ALLOWED.contains(element) || Throwable.class.isAssignableFrom(element)
          || Enum.class.isAssignableFrom(element);
    }

    private Status reject(String why) {
      if (rejection == null) {
        rejection = why;
      }
      return Status.REJECTED;
    }
  }

  /** Resolves classes through a given loader (the thread's context loader, where user classes live). */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader, ObjectInputFilter filter) throws IOException {
      super(in);
      this.loader = loader;
      setObjectInputFilter(filter);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
      return Class.forName(description.getName(), false, loader);
    }
  }
}
