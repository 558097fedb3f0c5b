package dev.rulebench.spi;

import dev.rulebench.api.RunResult;
import dev.rulebench.train.LocalTrialExecutor;
import dev.rulebench.trial.Trial;
import java.util.function.BooleanSupplier;

/**
 * Where trials are trained: in this JVM ({@link LocalTrialExecutor}, the default) or elsewhere,
 * such as a Spark cluster. The engine schedules runs, looks the cache up, fires every JUnit event
 * and runs the checks on its own side; an executor only turns a {@link Trial} into a
 * {@link RunResult}, so nothing else may assume that training happens in this JVM.
 *
 * <p>The engine calls {@link #execute} from up to {@link #capacity()} threads at once, one trial per
 * call. Implementations are created by a {@link TrialExecutorFactory}.
 */
public interface TrialExecutor extends AutoCloseable {

  /** How many trials this executor trains at once; the engine never has more in flight. */
  int capacity();

  /**
   * Whether trials train on this JVM's own device, so that the engine must serialise the runs that
   * take the device exclusively (GPU runs). A cluster executor, whose nodes have devices of their
   * own, answers false.
   */
  boolean trainsOnLocalDevice();

  /**
   * Trains one trial and returns its result. Blocks until the trial has finished.
   *
   * @param cancelRequested polled by the executor: once it answers true the trial must end soon,
   *     by throwing {@link TrialCancelledException}
   * @throws TrialCancelledException when cancelled
   * @throws RuntimeException when training failed; remote executors rethrow the trial's failure
   *     with its original message
   */
  RunResult execute(Trial trial, BooleanSupplier cancelRequested);

  /** Releases what the executor holds (threads, a cluster connection). */
  @Override
  default void close() {}
}
