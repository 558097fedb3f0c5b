package dev.rulebench.spark;

import static dev.rulebench.spark.testing.SameMetrics.assertSameMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.api.Constants;
import dev.rulebench.api.ReportEntryKeys;
import dev.rulebench.api.RunResult;
import dev.rulebench.spark.cluster.LoopbackSparkCluster;
import dev.rulebench.spark.examples.BigramSuite;
import dev.rulebench.spark.examples.TensorFlowSuite;
import dev.rulebench.spark.testing.EngineRun;
import dev.rulebench.spark.testing.TaskEvents;
import dev.rulebench.spark.testing.TestTrials;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.train.Trainer;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Trials on a real standalone cluster: a Master and two Workers on 127.0.0.1, each its own JVM,
 * and the executors the Workers launch. A Spark context is one per JVM: the outer tests each start
 * and stop their own application, the nested ones share one.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StandaloneClusterTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static LoopbackSparkCluster cluster;

  @BeforeAll
  static void startCluster() {
    long started = System.nanoTime();
    cluster = LoopbackSparkCluster.start(Path.of("target/spark-cluster"), 2, "1g", PATIENCE);
    System.out.printf("loopback cluster up in %.1f s at %s, pids %s%n", seconds(started), cluster.masterUrl(),
        cluster.daemonPids());
  }

  @AfterAll
  static void stopCluster() {
    if (cluster == null) {
      return;
    }
    long started = System.nanoTime();
    List<Long> pids = cluster.daemonPids();
    cluster.close();
    System.out.printf("loopback cluster stopped in %.1f s%n", seconds(started));
    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isEmpty());
  }

  @Test
  void aSuiteOnTheClusterGivesTheLocalMetricsAndItsResultsFillTheCache(@TempDir Path folder) {
    String cache = folder.resolve("cache").toString();
    Map<String, String> onCluster = new LinkedHashMap<>(cluster.driverSettings());
    onCluster.put(Constants.EXECUTOR, "spark");
    onCluster.put(Constants.CACHE, "use");
    onCluster.put(Constants.CACHE_DIR, cache);

    EngineRun local = EngineRun.of(BigramSuite.class, folder.resolve("local"), Map.of());
    long started = System.nanoTime();
    EngineRun remote = EngineRun.of(BigramSuite.class, folder.resolve("cluster"), onCluster);
    System.out.printf("the suite's 4 runs on the cluster in %.1f s, executors included%n", seconds(started));

    for (EngineRun run : List.of(local, remote)) {
      // 4 runs + 4 per-seed checks + 2 cell checks
      run.results().testEvents().assertStatistics(stats -> stats.started(10).succeeded(10).failed(0).aborted(0));
    }
    assertThat(remote.runs()).hasSize(4).containsOnlyKeys(local.runs().keySet());
    local.runs().forEach((file, result) -> assertSameMetrics(remote.runs().get(file), result));
    assertThat(cacheEntries(remote)).containsOnly("trained").hasSize(4);

    // what the cluster trained is in the cache: a local run replays it
    EngineRun replay = EngineRun.of(BigramSuite.class, folder.resolve("replay"),
        Map.of(Constants.CACHE, "use", Constants.CACHE_DIR, cache));
    assertThat(cacheEntries(replay)).containsOnly("hit").hasSize(4);
    local.runs().forEach((file, result) -> assertSameMetrics(replay.runs().get(file), result));
  }

  @Test
  void tensorFlowTrialsOnTheClusterGiveTheMetricsOfLocalRuns(@TempDir Path folder) {
    String javacppCache = Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString();
    Map<String, String> onCluster = new LinkedHashMap<>(cluster.driverSettings());
    onCluster.put(Constants.EXECUTOR, "spark");
    onCluster.put(SparkSettings.JAVACPP_CACHE_DIR, javacppCache);

    EngineRun local = EngineRun.of(TensorFlowSuite.class, folder.resolve("local"), Map.of());
    long started = System.nanoTime();
    EngineRun remote = EngineRun.of(TensorFlowSuite.class, folder.resolve("cluster"), onCluster);
    System.out.printf("linear and lstm on the cluster in %.1f s, executors included%n", seconds(started));

    for (EngineRun run : List.of(local, remote)) {
      // 2 runs and their checks
      run.results().testEvents().assertStatistics(stats -> stats.started(4).succeeded(4).failed(0).aborted(0));
    }
    assertThat(remote.runs()).hasSize(2).containsOnlyKeys(local.runs().keySet());
    local.runs().forEach((file, result) -> assertSameMetrics(remote.runs().get(file), result));
    assertThat(remote.runs().values()).allSatisfy(r -> assertThat(r.environment().backend()).startsWith("TensorFlow"));
    // each node unpacks TensorFlow's natives into one directory, whichever executor comes first
    assertThat(cluster.log("worker-1") + cluster.log("worker-2"))
        .contains("-Dorg.bytedeco.javacpp.cachedir=" + javacppCache);
  }

  private static List<String> cacheEntries(EngineRun run) {
    return run.results().allEvents().reportingEntryPublished()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(ReportEntryKeys.CACHE))
        .filter(java.util.Objects::nonNull).toList();
  }

  @Test
  void withNoExecutorATrialFailsWithWhatToCheck() {
    Map<String, String> tooBig = Map.of("rulebench.spark.executor.memory", "8g", // more than a worker offers
        SparkSettings.REGISTRATION_TIMEOUT, "3");
    try (SparkTrialExecutor executor = executor(tooBig)) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> executor.submit(TestTrials.bigram(1), () -> false).get(30, TimeUnit.SECONDS))
          .cause().isInstanceOf(NoSparkExecutorException.class)
          .hasMessageStartingWith("no Spark executor registered within 3 s at " + cluster.masterUrl() + "; check the workers")
          .hasMessageContaining("spark.executor.memory");
      assertThat(seconds(started)).as("Spark's start-up, then the 3 s").isLessThan(30);
    }
  }

  @Test
  void whenTheLastWorkerGoesDownDuringATrialItFailsWithWhatToCheck() throws Exception {
    try (LoopbackSparkCluster small = LoopbackSparkCluster.start(Path.of("target/spark-cluster-small"), 1, "1g", PATIENCE);
        SparkTrialExecutor executor = executor(small, Map.of(SparkSettings.REGISTRATION_TIMEOUT, "3"))) {
      TaskEvents tasks = new TaskEvents();
      executor.sparkContext().sc().addSparkListener(tasks);
      // the 3 s timeout is for this test's end; the executor may take longer to start on a busy machine
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (executor.executorCount() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      CompletableFuture<RunResult> slow = executor.submit(TestTrials.slow(12, 500), () -> false); // about 12 s
      tasks.awaitStarted(1, PATIENCE);

      long down = System.nanoTime();
      small.killWorker(1);
      assertThatThrownBy(() -> slow.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(NoSparkExecutorException.class)
          .hasMessageStartingWith("no Spark executor registered within 3 s at " + small.masterUrl() + "; check the workers");
      System.out.printf("failed %.1f s after the last worker went down%n", seconds(down));
      assertThat(seconds(down)).isLessThan(15);
    }
  }

  /** Tests that share one Spark application, as a suite's runs do: fewer executor JVMs to start. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class InOneApplication {

    private SparkTrialExecutor executor;
    private TaskEvents tasks;

    @BeforeAll
    void startApplication() {
      executor = executor(Map.of());
      tasks = new TaskEvents();
      executor.sparkContext().sc().addSparkListener(tasks);
    }

    @AfterAll
    void stopApplication() {
      if (executor != null) {
        executor.close();
      }
    }

    @Test
    void trialsOnTheClusterGiveTheMetricsOfLocalRuns() throws Exception {
      List<Trial> trials = List.of(TestTrials.bigram(1), TestTrials.bigram(2), TestTrials.bigram(3));
      long started = System.nanoTime();
      List<CompletableFuture<RunResult>> results = trials.stream().map(t -> executor.submit(t, () -> false)).toList();
      for (int i = 0; i < trials.size(); i++) {
        assertSameMetrics(results.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS), local(trials.get(i)));
      }
      System.out.printf("3 trials on the cluster in %.1f s%n", seconds(started));
    }

    @Test
    void aTrialWhoseExecutorIsKilledRunsAgainAndNothingIsLost() throws Exception {
      List<Trial> trials = List.of(TestTrials.slow(7, 150), TestTrials.slow(8, 150)); // about 4 s each
      int before = tasks.started().size();
      List<CompletableFuture<RunResult>> results = trials.stream().map(t -> executor.submit(t, () -> false)).toList();

      long started = System.nanoTime();
      TaskEvents.Attempt victim = tasks.awaitStarted(before + 1, PATIENCE);
      double firstTask = seconds(started);
      ProcessHandle process = cluster.executorProcess(victim.executorId()).orElseThrow(
          () -> new AssertionError("no process for executor " + victim.executorId()));
      process.destroyForcibly();
      process.onExit().get(10, TimeUnit.SECONDS);

      double killed = seconds(started);
      for (int i = 0; i < trials.size(); i++) {
        assertSameMetrics(results.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS), local(trials.get(i)));
      }
      List<TaskEvents.Attempt> attempts = tasks.started().subList(before, tasks.started().size());
      System.out.printf("first task after %.1f s, its executor killed at %.1f s, both trials done at %.1f s: %s%n",
          firstTask, killed, seconds(started), attempts);
      assertThat(tasks.awaitEnd(victim.taskId(), PATIENCE).endReason()).contains("ExecutorLostFailure");
      assertThat(attempts).as("the lost task ran again").anySatisfy(a -> assertThat(a.attempt()).isPositive());
    }

    @Test
    void cancellingATrialCancelsItsJobGroupAndFreesTheExecutor() throws Exception {
      AtomicBoolean cancel = new AtomicBoolean();
      int before = tasks.started().size();
      CompletableFuture<RunResult> slow = executor.submit(TestTrials.slow(9, 500), cancel::get); // about 12 s
      TaskEvents.Attempt running = tasks.awaitStarted(before + 1, PATIENCE);

      long cancelled = System.nanoTime();
      cancel.set(true);
      assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(TrialCancelledException.class).hasMessageContaining("Spark job group rulebench-");
      assertThat(tasks.awaitEnd(running.taskId(), Duration.ofSeconds(10)).endReason()).startsWith("TaskKilled");
      System.out.printf("cancelled in %.1f s%n", seconds(cancelled));
      assertThat(seconds(cancelled)).isLessThan(8); // the trial itself would have needed about 12 s

      Trial next = TestTrials.bigram(10);
      assertSameMetrics(executor.submit(next, () -> false).get(PATIENCE.toSeconds(), TimeUnit.SECONDS), local(next));
    }
  }

  private static SparkTrialExecutor executor(Map<String, String> overrides) {
    return executor(cluster, overrides);
  }

  private static SparkTrialExecutor executor(LoopbackSparkCluster cluster, Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>(cluster.driverSettings());
    settings.putAll(overrides);
    return new SparkTrialExecutor(SparkSettings.from(settings));
  }

  private static RunResult local(Trial trial) {
    return new Trainer(ProgressListener.NONE).run(trial);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
