package dev.rulebench.models.tf.graph;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Makes TensorFlow give every session its own pool of intra-op threads, so that each session's
 * {@code intra_op_parallelism_threads} takes effect.
 *
 * <p>By default TensorFlow keeps one intra-op pool per process, sized by the first session that
 * creates a CPU device, and silently ignores every later session's setting. Here that meant: the
 * decoding session's one thread per op was in fact the training session's two, so each small
 * decoding op fanned out across both cores while the two decoding lanes also ran (evaluation of
 * the Transformer 2.0–2.5 s, Mamba 3.2–3.3 s, xLSTM 3.2–3.6 s; with a pool per session 1.3–1.8 s,
 * 1.9–2.4 s and 2.4–2.7 s); and in a JVM that trains several architectures, the first model's
 * choice (the LSTM's single thread) sized the pool of every later model.
 *
 * <p>(The inter-op pool, which runs a session's independent ops side by side, is TensorFlow's other
 * process-wide pool; {@link SessionSettings} asks for one per session with {@code
 * use_per_session_threads}.)
 *
 * <p>TensorFlow's switch is the environment variable {@value #VARIABLE}, read once, when it creates
 * its first CPU device: every session RuleBench makes, the GPU probe's and TensorBoard's too, takes
 * its configuration from {@link SessionSettings}, which calls {@link #ensure} first. Java cannot set
 * environment variables, so {@link #ensure} sets it in the C library's environment through JNA,
 * before the first session of this JVM. A value the user has already set is kept: {@code
 * TF_OVERRIDE_GLOBAL_THREADPOOL=0} restores TensorFlow's default.
 */
public final class PerSessionThreadPools {

  /** TensorFlow's switch: true gives each session's CPU device its own intra-op pool. */
  public static final String VARIABLE = "TF_OVERRIDE_GLOBAL_THREADPOOL";

  private static boolean done;

  private PerSessionThreadPools() {}

  /** The C library's environment (POSIX). */
  private interface CLibrary extends Library {
    int setenv(String name, String value, int overwrite);
  }

  /**
   * Asks TensorFlow for a pool per session, unless the environment already says otherwise. Call
   * before creating a session: once TensorFlow has made a CPU device, its choice is fixed for the
   * life of the process. Where the C library cannot be reached (Windows), says so once on standard
   * error and leaves TensorFlow's default.
   */
  public static synchronized void ensure() {
    if (done) {
      return;
    }
    done = true;
    if (Platform.isWindows()) {
      System.err.println("RuleBench: set " + VARIABLE + "=1 in the environment so that each TensorFlow session"
          + " uses its own thread settings (it cannot be set from inside the JVM on Windows)");
      return;
    }
    try {
      CLibrary c = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
      if (c.setenv(VARIABLE, "1", 0) != 0) {
        System.err.println("RuleBench: could not set " + VARIABLE + " (setenv failed); TensorFlow shares one"
            + " thread pool among sessions");
      }
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      System.err.println("RuleBench: could not set " + VARIABLE + " (" + e.getMessage() + "); TensorFlow shares"
          + " one thread pool among sessions");
    }
  }
}
