package dev.rulebench.spark;

import dev.rulebench.api.RunResult;
import dev.rulebench.train.LocalTrialExecutor;
import dev.rulebench.trial.Trial;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * The code a Spark task runs on an executor: trains one trial through a
 * {@link LocalTrialExecutor}, exactly as a local run, and turns whatever happens into a
 * {@link TrialOutcome}. A trial's own failure is an outcome, never a task failure, so Spark does
 * not retry a deterministic error and one bad trial never aborts another; only a lost executor or
 * a dying JVM fails the task, and Spark then runs it again elsewhere.
 */
final class TrialTask implements Function<Trial, TrialOutcome> {

  private static final long serialVersionUID = 1L;

  /** One local executor per executor JVM and settings, so parallel tasks share one progress console. */
  private static final Map<NodeSettings, LocalTrialExecutor> LOCAL = new ConcurrentHashMap<>();

  private final NodeSettings node;

  TrialTask(NodeSettings node) {
    this.node = node;
  }

  @Override
  public TrialOutcome call(Trial trial) {
    TaskContext task = TaskContext.get();
    // a killed task (cancelled job group) is interrupted: stop training at the next step
    BooleanSupplier cancelled = () -> Thread.currentThread().isInterrupted() || (task != null && task.isInterrupted());
    String executorId = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
    int attempt = task == null ? 0 : task.attemptNumber();
    try {
      LocalTrialExecutor local = LOCAL.computeIfAbsent(node, n -> new LocalTrialExecutor(n.toExecutorSettings()));
      RunResult result = local.execute(trial, cancelled);
      return TrialOutcome.succeeded(result, executorId, attempt);
    } catch (VirtualMachineError fatal) {
      throw fatal; // the executor is in no state to go on: let Spark replace it and re-run the task
    } catch (Throwable failure) {
      if (task != null) {
        task.killTaskIfInterrupted(); // a cancelled task ends as killed, not with a result
      }
      return TrialOutcome.failed(failure, executorId, attempt);
    }
  }
}
