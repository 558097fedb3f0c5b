package dev.rulebench.spark;

import dev.rulebench.api.RunResult;
import dev.rulebench.run.Trial;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Runs trials somewhere and hands their results back: the shape the engine's executor interface
 * has (submit a trial, get a result or a failure, cancel).
 *
 * <p>Interim: this mirrors the engine's interface until that lands on {@code main}, then this
 * module implements the engine's type and this one goes away.
 */
public interface TrialExecutor extends AutoCloseable {

  /**
   * Starts a trial.
   *
   * @param cancelRequested polled while the trial runs; once it answers true the trial is cancelled
   * @return completes with the run's result, or exceptionally with the trial's own failure (its
   *     exception type kept where the class is known here), a {@link
   *     dev.rulebench.run.TrialCancelledException} after cancellation, or a {@link
   *     NoSparkExecutorException}; {@code cancel(true)} on it cancels the trial too
   */
  CompletableFuture<RunResult> submit(Trial trial, BooleanSupplier cancelRequested);

  /** Cancels what still runs and releases the executor's resources. */
  @Override
  void close();
}
