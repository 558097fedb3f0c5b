package dev.rulebench.spark.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/** Records which executor ran each task attempt and how each attempt ended, as the driver saw it. */
public final class TaskEvents extends SparkListener {

  /**
   * One task attempt.
   *
   * @param executorId where it ran
   * @param attempt 0 the first time
   * @param endReason Spark's reason ({@code Success}, {@code TaskKilled(...)}, {@code ExecutorLostFailure(...)}), or null while running
   */
  public record Attempt(long taskId, String executorId, int attempt, String endReason) {}

  private final List<Attempt> started = new CopyOnWriteArrayList<>();
  private final List<Attempt> ended = new CopyOnWriteArrayList<>();

  @Override
  public void onTaskStart(SparkListenerTaskStart event) {
    started.add(new Attempt(event.taskInfo().taskId(), event.taskInfo().executorId(), event.taskInfo().attemptNumber(), null));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    ended.add(new Attempt(event.taskInfo().taskId(), event.taskInfo().executorId(), event.taskInfo().attemptNumber(),
        event.reason().toString()));
  }

  public List<Attempt> started() {
    return List.copyOf(started);
  }

  public List<Attempt> ended() {
    return List.copyOf(ended);
  }

  /** Waits for the n-th task attempt (1-based) to start. */
  public Attempt awaitStarted(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (started.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + started.size() + " of " + n + " task attempts started within " + timeout);
      }
      Thread.sleep(20);
    }
    return started.get(n - 1);
  }

  /** Waits until n task attempts (1-based, in all) have ended. */
  public List<Attempt> awaitEnded(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ended.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + ended.size() + " of " + n + " task attempts ended within " + timeout);
      }
      Thread.sleep(20);
    }
    return List.copyOf(ended);
  }

  /** Waits for the end of a task attempt. */
  public Attempt awaitEnd(long taskId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Attempt> end = ended.stream().filter(a -> a.taskId() == taskId).findFirst();
      if (end.isPresent()) {
        return end.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("task " + taskId + " did not end within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
