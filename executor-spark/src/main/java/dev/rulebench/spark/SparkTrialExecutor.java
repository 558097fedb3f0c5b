package dev.rulebench.spark;

import dev.rulebench.api.RunResult;
import dev.rulebench.run.Trial;
import dev.rulebench.run.TrialCancelledException;
import java.time.Duration;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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
 * holds one Spark context at a time.
 */
public final class SparkTrialExecutor implements TrialExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(SparkTrialExecutor.class);
  private static final long POLL_MILLIS = 200;

  private final SparkSettings settings;
  private final ExecutorService trialThreads = Executors.newCachedThreadPool(daemons("rulebench-spark-trial"));
  private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(daemons("rulebench-spark-monitor"));
  private final Set<SparkTrial> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger jobGroups = new AtomicInteger();
  private final Object lifecycle = new Object();
  private CompletableFuture<JavaSparkContext> context;
  private boolean closed;
  /** When an executor was last seen, or the first job waited for one (System.nanoTime). */
  private volatile long executorLastSeen = System.nanoTime();

  public SparkTrialExecutor(SparkSettings settings) {
    this.settings = settings;
    monitor.scheduleWithFixedDelay(this::watch, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  public SparkSettings settings() {
    return settings;
  }

  @Override
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

  /** The Spark context, created on first use and at most {@link SparkSettings#registrationTimeout()} waited for. */
  JavaSparkContext sparkContext() {
    CompletableFuture<JavaSparkContext> pending;
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the Spark executor is closed");
      }
      if (context == null) {
        DriverJvm.requireSparkModuleOptions();
        context = new CompletableFuture<>();
        CompletableFuture<JavaSparkContext> created = context;
        // against a master that does not answer, Spark blocks here for a minute: wait in a thread of its own
        Thread starter = new Thread(() -> {
          try {
            JavaSparkContext spark = new JavaSparkContext(settings.toSparkConf());
            if (!created.complete(spark)) {
              spark.stop(); // given up on, or closed meanwhile
            }
          } catch (Throwable failure) {
            created.completeExceptionally(failure);
          }
        }, "rulebench-spark-start");
        starter.setDaemon(true);
        starter.start();
      }
      pending = context;
    }
    try {
      return pending.get(settings.registrationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      NoSparkExecutorException failure = new NoSparkExecutorException("the Spark master at " + settings.master()
          + " did not accept the application within " + settings.registrationTimeout().toSeconds()
          + " s; check that a master runs at that address and that this machine reaches it");
      pending.completeExceptionally(failure);
      throw failure;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Spark did not start: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrialCancelledException("interrupted while Spark started");
    }
  }

  /** Executors that can take a task now; the driver of an embedded Spark is its own executor. */
  int executorCount() {
    JavaSparkContext spark = context == null ? null : context.getNow(null);
    if (spark == null || spark.sc().isStopped()) {
      return 0;
    }
    if (settings.embedded()) {
      return 1;
    }
    return Math.max(0, spark.sc().statusTracker().getExecutorInfos().length - 1); // the list includes the driver
  }

  private String noExecutorMessage() {
    Duration timeout = settings.registrationTimeout();
    String driver = settings.sparkConf().getOrDefault("spark.driver.host", "this machine");
    return "no Spark executor registered within " + timeout.toSeconds() + " s at " + settings.master()
        + "; check the workers: that they run and are registered with this master (its web UI lists them), have the "
        + "free cores and memory an executor asks for (spark.executor.cores, spark.executor.memory), and reach the "
        + "driver at " + driver + " (spark.driver.host); or raise " + SparkSettings.REGISTRATION_TIMEOUT;
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
          trial.abort(new NoSparkExecutorException(noExecutorMessage()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("the Spark executor's monitor failed once: {}", e.toString());
    }
  }

  @Override
  public void close() {
    CompletableFuture<JavaSparkContext> created;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      created = context;
    }
    running.forEach(SparkTrial::cancelTrial);
    monitor.shutdownNow();
    trialThreads.shutdown();
    if (created != null) {
      // a context still starting is stopped by its starter once it is up
      if (!created.completeExceptionally(new IllegalStateException("the Spark executor is closed"))) {
        JavaSparkContext spark = created.getNow(null);
        if (spark != null) {
          spark.stop();
        }
      }
    }
    try {
      trialThreads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
        outcomes = spark.parallelize(List.of(trial), 1).map(new TrialTask()).collect();
      } catch (RuntimeException e) {
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
          throw new NoSparkExecutorException(noExecutorMessage());
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

    /** Stops the trial's job; repeated by the monitor until the job is gone, so a job that was just being submitted is caught too. */
    void abort(RuntimeException reason) {
      if (stopReason == null) {
        stopReason = reason;
      }
      JavaSparkContext spark = context == null ? null : context.getNow(null);
      if (jobSubmitted && spark != null && !spark.sc().isStopped()) {
        spark.sc().cancelJobGroup(jobGroup, reason.getMessage());
      }
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
}
