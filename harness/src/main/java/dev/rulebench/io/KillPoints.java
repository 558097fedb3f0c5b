package dev.rulebench.io;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named places where a write is half done, at which a test can end the process as a crash or
 * {@code kill -9} would: the fault-injection tests prove that whatever a killed run leaves behind
 * is either complete and verified or thrown away.
 *
 * <p>Test-only switch: the system property {@value #PROPERTY} = {@code <point>:<n>} halts the JVM
 * (exit code {@value #EXIT_CODE}, no shutdown hooks, no flushing) the n-th time that point is
 * reached. Unset, as in every real run, {@link #reached} does nothing.
 */
public final class KillPoints {

  public static final String PROPERTY = "rulebench.test.haltAt";
  public static final int EXIT_CODE = 137;

  /** After an optimizer step (and its progress event). */
  public static final String STEP = "step";
  /** A checkpoint's model files are written to its temporary folder; its trainer state is not. */
  public static final String CHECKPOINT_MODEL_WRITTEN = "checkpoint-model-written";
  /** A checkpoint is complete in its temporary folder, not yet renamed into place. */
  public static final String CHECKPOINT_STAGED = "checkpoint-staged";
  /** A new checkpoint is in place; the one before it is not yet deleted. */
  public static final String CHECKPOINT_RENAMED = "checkpoint-renamed";
  /** A file's new content is in its temporary file, not yet renamed over the file. */
  public static final String FILE_TEMPORARY_WRITTEN = "file-temporary-written";

  private static final ConcurrentHashMap<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

  private KillPoints() {}

  public static void reached(String point) {
    String target = System.getProperty(PROPERTY);
    if (target == null || !target.startsWith(point + ":")) {
      return;
    }
    int n = Integer.parseInt(target.substring(point.length() + 1).trim());
    if (COUNTS.computeIfAbsent(point, p -> new AtomicInteger()).incrementAndGet() == n) {
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }
}
