package dev.rulebench.spark;

import dev.rulebench.api.RunResult;
import dev.rulebench.spi.ExecutorSettings;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.spi.TrialExecutor;
import dev.rulebench.spi.TrialExecutorFactory;
import dev.rulebench.trial.Trial;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each trial as one Spark job of one task, embedded ({@code local[N]}) or on a standalone
 * cluster ({@code spark://host:port}).
 *
 * <ul>
 *   <li>Each trial's job is in a job group of its own, so cancelling the trial cancels exactly its
 *       job (and interrupts its task, which stops at the next training step).
 *   <li>A trial's failure comes back as its outcome ({@link TrialOutcome}); Spark re-runs a task
 *       only when its executor is lost.
 *   <li>If no executor is registered for {@link SparkSettings#registrationTimeout()}, waiting
 *       trials fail with a {@link NoSparkExecutorException} that says what to check.
 * </ul>
 *
 * <p>The Spark context is created with the first trial and stopped by {@link #close()}; one JVM
 * holds one Spark context at a time. The engine finds this executor as {@code spark} through
 * {@link Factory} ({@code rulebench.executor=spark}); see {@link SparkSettings} for its keys.
 */
public final class SparkTrialExecutor implements TrialExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(SparkTrialExecutor.class);
  private static final long POLL_MILLIS = 200;

  /** The name {@code rulebench.executor} selects. */
  public static final String NAME = "spark";

  private final SparkSettings settings;
  private final NodeSettings node;
  private final ExecutorService trialThreads = Executors.newCachedThreadPool(daemons("rulebench-spark-trial"));
  private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(daemons("rulebench-spark-monitor"));
  private final Set<SparkTrial> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger jobGroups = new AtomicInteger();
  private final Object lifecycle = new Object();
  private final SparkStart start;
  private boolean closed;
  /** When an executor was last seen, or the first job waited for one (System.nanoTime). */
  private volatile long executorLastSeen = System.nanoTime();

  /** For programs without the engine: trials train on the nodes without progress output or checkpoints. */
  public SparkTrialExecutor(SparkSettings settings) {
    this(settings, NodeSettings.defaults());
  }

  /**
   * @param settings how to reach Spark
   * @param node how trials train on the nodes
   */
  public SparkTrialExecutor(SparkSettings settings, NodeSettings node) {
    this.settings = settings;
    this.node = node;
    this.start = new SparkStart(settings);
    monitor.scheduleWithFixedDelay(this::watch, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  public SparkSettings settings() {
    return settings;
  }

  @Override
  public int capacity() {
    return settings.capacity();
  }

  /** Embedded, trials train on this JVM's device; on a cluster, on the nodes' own. */
  @Override
  public boolean trainsOnLocalDevice() {
    return settings.embedded();
  }

  @Override
  public RunResult execute(Trial trial, BooleanSupplier cancelRequested) {
    CompletableFuture<RunResult> run = submit(trial, cancelRequested);
    try {
      return run.get();
    } catch (InterruptedException e) {
      run.cancel(true);
      Thread.currentThread().interrupt();
      throw new TrialCancelledException("interrupted while the trial ran on Spark");
    } catch (ExecutionException e) {
      Throwable failure = e.getCause();
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw new RemoteTrialException(failure.getClass().getName(), failure.getMessage(), failure.getStackTrace());
    }
  }

  /**
   * Starts a trial and returns at once.
   *
   * @param cancelRequested polled while the trial runs; once it answers true the trial is cancelled
   * @return completes with the run's result, or exceptionally with the trial's own failure (its
   *     exception type kept where the class is known here), a {@link TrialCancelledException} after
   *     cancellation, or a {@link NoSparkExecutorException}; {@code cancel(true)} on it cancels the
   *     trial too
   */
  public CompletableFuture<RunResult> submit(Trial trial, BooleanSupplier cancelRequested) {
    SparkTrial sparkTrial = new SparkTrial(trial, cancelRequested,
        "rulebench-" + jobGroups.incrementAndGet() + "-" + trial.cacheKey().substring(0, 12));
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the Spark executor is closed");
      }
      running.add(sparkTrial);
    }
    trialThreads.execute(() -> {
      try {
        sparkTrial.complete(sparkTrial.run());
      } catch (Throwable failure) {
        sparkTrial.completeExceptionally(failure);
      } finally {
        running.remove(sparkTrial);
      }
    });
    return sparkTrial;
  }

  /** The Spark context, started on first use (at most the registration timeout is waited for). */
  JavaSparkContext sparkContext() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the Spark executor is closed");
      }
    }
    return start.context();
  }

  /** Executors that can take a task now; the driver of an embedded Spark is its own executor. */
  int executorCount() {
    JavaSparkContext spark = start.started();
    if (spark == null || spark.sc().isStopped()) {
      return 0;
    }
    if (settings.embedded()) {
      return 1;
    }
    return Math.max(0, spark.sc().statusTracker().getExecutorInfos().length - 1); // the list includes the driver
  }

  /** Runs on the monitor thread: forwards cancellation, and fails trials once executors are gone too long. */
  private void watch() {
    try {
      boolean executors = executorCount() > 0;
      if (executors || running.isEmpty()) {
        executorLastSeen = System.nanoTime();
      }
      boolean starved = System.nanoTime() - executorLastSeen > settings.registrationTimeout().toNanos();
      for (SparkTrial trial : running) {
        if (trial.cancelRequested.getAsBoolean()) {
          trial.cancelTrial();
        } else if (starved) {
          trial.abort(NoSparkExecutorException.checkTheWorkers(settings));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("the Spark executor's monitor failed once: {}", e.toString());
    }
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    running.forEach(SparkTrial::cancelTrial);
    JavaSparkContext spark = start.close();
    trialThreads.shutdown();
    try {
      trialThreads.awaitTermination(30, TimeUnit.SECONDS); // the monitor keeps cancelling meanwhile
      if (spark != null) {
        awaitNoRunningTasks(spark, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    monitor.shutdownNow();
    if (spark != null) {
      spark.stop();
    }
  }

  /** A cancelled job ends before its killed tasks report back: stopping Spark earlier makes it log errors. */
  private static void awaitNoRunningTasks(JavaSparkContext spark, long deadline) throws InterruptedException {
    while (System.nanoTime() < deadline && !spark.sc().isStopped()
        && Arrays.stream(spark.sc().statusTracker().getExecutorInfos()).anyMatch(e -> e.numRunningTasks() > 0)) {
      Thread.sleep(POLL_MILLIS / 4);
    }
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One submitted trial: its future, its job group and why it was stopped, if it was. */
  private final class SparkTrial extends CompletableFuture<RunResult> {
    private final Trial trial;
    private final BooleanSupplier cancelRequested;
    private final String jobGroup;
    private volatile RuntimeException stopReason;
    private volatile boolean jobSubmitted;
    private final Set<Integer> cancelledJobs = ConcurrentHashMap.newKeySet();

    SparkTrial(Trial trial, BooleanSupplier cancelRequested, String jobGroup) {
      this.trial = trial;
      this.cancelRequested = cancelRequested;
      this.jobGroup = jobGroup;
    }

    RunResult run() {
      JavaSparkContext spark = sparkContext();
      awaitExecutor();
      spark.setJobGroup(jobGroup, description(), true);
      List<TrialOutcome> outcomes;
      try {
        jobSubmitted = true;
        stopIfAsked();
        outcomes = spark.parallelize(List.of(trial), 1).map(new TrialTask(node)).collect();
      } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
        stopIfAsked();
        throw new IllegalStateException("Spark gave up on trial " + description() + ": " + e.getMessage(), e);
      } finally {
        spark.clearJobGroup();
      }
      TrialOutcome outcome = outcomes.get(0);
      if (outcome.attempt() > 0) {
        LOG.info("trial {} ran again (attempt {}) on executor {}", description(), outcome.attempt(), outcome.executorId());
      }
      return outcome.resultOrThrow();
    }

    /** Waits until some executor can take the task, or fails with what to check. */
    private void awaitExecutor() {
      long deadline = System.nanoTime() + settings.registrationTimeout().toNanos();
      while (executorCount() == 0) {
        stopIfAsked();
        if (System.nanoTime() > deadline) {
          throw NoSparkExecutorException.checkTheWorkers(settings);
        }
        try {
          Thread.sleep(POLL_MILLIS / 2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TrialCancelledException("interrupted while waiting for a Spark executor");
        }
      }
      stopIfAsked();
    }

    private void stopIfAsked() {
      if (cancelRequested.getAsBoolean() && stopReason == null) {
        stopReason = cancelledException();
      }
      if (stopReason != null) {
        throw stopReason;
      }
    }

    private TrialCancelledException cancelledException() {
      return new TrialCancelledException("trial " + description() + " was cancelled (Spark job group " + jobGroup + ")");
    }

    void cancelTrial() {
      abort(cancelledException());
    }

    /**
     * Stops the trial: its task is interrupted and stops at the next training step. The monitor
     * repeats this while the trial runs, so a job submitted just after the first call is caught too.
     */
    void abort(RuntimeException reason) {
      if (stopReason == null) {
        stopReason = reason;
      }
      JavaSparkContext spark = start.started();
      if (jobSubmitted && spark != null && !spark.sc().isStopped() && uncancelledJobRunning(spark)) {
        spark.sc().cancelJobGroup(jobGroup, reason.getMessage());
      }
    }

    /** Whether a job of this trial's group runs that was not cancelled yet; marks it as cancelled. */
    private boolean uncancelledJobRunning(JavaSparkContext spark) {
      boolean found = false;
      for (int job : spark.statusTracker().getJobIdsForGroup(jobGroup)) {
        SparkJobInfo info = spark.statusTracker().getJobInfo(job);
        if (info != null && info.status() == JobExecutionStatus.RUNNING && cancelledJobs.add(job)) {
          found = true;
        }
      }
      return found;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelTrial();
      return super.cancel(mayInterruptIfRunning);
    }

    private String description() {
      return trial.language() + "/" + trial.architecture() + " seed " + trial.seed() + " (" + trial.suite() + ")";
    }
  }

  /** Registers the executor as {@code spark} for the engine. */
  public static final class Factory implements TrialExecutorFactory {

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public TrialExecutor create(ExecutorSettings settings) {
      return new SparkTrialExecutor(SparkSettings.from(settings.parameters()), NodeSettings.of(settings));
    }
  }
}
