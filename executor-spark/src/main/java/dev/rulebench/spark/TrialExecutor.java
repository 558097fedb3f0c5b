package dev.rulebench.spark;

import dev.rulebench.api.RunResult;
import dev.rulebench.run.Trial;
import java.util.function.BooleanSupplier;

/**
 * Where trials are trained. Interim: the same methods as the engine's
 * {@code dev.rulebench.run.TrialExecutor}, which is not on {@code main} yet; once it is, the Spark
 * executor implements that type and this copy goes away.
 */
public interface TrialExecutor extends AutoCloseable {

  /** How many trials this executor trains at once; the engine never has more in flight. */
  int capacity();

  /** Whether trials train on this JVM's own device (so GPU runs must be serialised here). */
  boolean trainsOnLocalDevice();

  /**
   * Trains one trial and returns its result; blocks until it has finished.
   *
   * @param cancelRequested polled while the trial runs; once it answers true the trial ends with a
   *     {@link dev.rulebench.run.TrialCancelledException}
   * @throws RuntimeException the trial's own failure, with its type and message
   */
  RunResult execute(Trial trial, BooleanSupplier cancelRequested);

  @Override
  void close();
}
