package dev.rulebench.spark;

import static dev.rulebench.spark.testing.SameMetrics.assertSameMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.api.RunResult;
import dev.rulebench.run.ProgressListener;
import dev.rulebench.run.Trial;
import dev.rulebench.run.TrialRunner;
import dev.rulebench.spark.cluster.LoopbackSparkCluster;
import dev.rulebench.spark.testing.TestTrials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Trials on a real standalone cluster: a Master and two Workers on 127.0.0.1, each its own JVM. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StandaloneClusterTest {

  private static LoopbackSparkCluster cluster;
  private static SparkTrialExecutor executor;

  @BeforeAll
  static void startCluster() {
    long started = System.nanoTime();
    cluster = LoopbackSparkCluster.start(Path.of("target/spark-cluster"), 2, "1g", Duration.ofSeconds(60));
    System.out.printf("cluster up in %.1f s: %s, pids %s%n", (System.nanoTime() - started) / 1e9, cluster.masterUrl(),
        cluster.daemonPids());
    executor = new SparkTrialExecutor(SparkSettings.from(cluster.driverSettings()));
  }

  @AfterAll
  static void stopCluster() {
    long started = System.nanoTime();
    try {
      if (executor != null) {
        executor.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
    System.out.printf("stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  @Test
  void trialsOnTheClusterGiveTheLocalMetrics() {
    long started = System.nanoTime();
    List<Trial> trials = List.of(TestTrials.bigram(1), TestTrials.bigram(2), TestTrials.bigram(3));
    List<CompletableFuture<RunResult>> futures = trials.stream().map(t -> executor.submit(t, () -> false)).toList();
    for (int i = 0; i < trials.size(); i++) {
      RunResult remote = futures.get(i).join();
      RunResult local = new TrialRunner(ProgressListener.NONE).run(trials.get(i));
      assertSameMetrics(remote, local);
      System.out.println(remote.paperMetrics());
    }
    System.out.printf("3 trials in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }
}
