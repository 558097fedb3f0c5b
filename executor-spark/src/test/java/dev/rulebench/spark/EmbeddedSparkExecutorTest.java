package dev.rulebench.spark;

import static dev.rulebench.spark.testing.SameMetrics.assertSameMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.ConfigException;
import dev.rulebench.spark.testing.TaskEvents;
import dev.rulebench.spark.testing.TestTrials;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.train.Trainer;
import dev.rulebench.trial.Trial;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The executor with Spark embedded in this JVM ({@code local[2]}): the same jobs, no cluster. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class EmbeddedSparkExecutorTest {

  private static SparkTrialExecutor executor;
  private static TaskEvents tasks;

  @BeforeAll
  static void start() {
    executor = new SparkTrialExecutor(SparkSettings.from(Map.of(
        "rulebench.spark.master", "local[2]",
        "rulebench.spark.driver.host", "127.0.0.1",
        "rulebench.spark.driver.bindAddress", "127.0.0.1",
        "rulebench.spark.ui.enabled", "false")));
    tasks = new TaskEvents();
    executor.sparkContext().sc().addSparkListener(tasks);
  }

  @AfterAll
  static void stop() {
    if (executor != null) {
      long started = System.nanoTime();
      executor.close();
      System.out.printf("embedded Spark stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
  }

  @Test
  void aTrialGivesTheResultOfADirectRun() {
    Trial trial = TestTrials.bigram(4);
    assertSameMetrics(executor.execute(trial, () -> false), new Trainer(ProgressListener.NONE).run(trial));
    assertThat(executor.capacity()).isEqualTo(2);
    assertThat(executor.trainsOnLocalDevice()).isTrue();
  }

  @Test
  void aFailingTrialIsItsOwnOutcomeAndTheOthersRunOn() throws Exception {
    int before = tasks.awaitEnded(tasks.started().size(), Duration.ofSeconds(10)).size();
    List<CompletableFuture<RunResult>> runs = List.of(
        executor.submit(TestTrials.bigram(5), () -> false),
        executor.submit(TestTrials.failing(6, 5), () -> false),
        executor.submit(TestTrials.bigram(7), () -> false));
    assertThat(runs.get(0).get(30, TimeUnit.SECONDS).seed()).isEqualTo(5);
    assertThat(runs.get(2).get(30, TimeUnit.SECONDS).seed()).isEqualTo(7);
    assertThatThrownBy(() -> runs.get(1).get(30, TimeUnit.SECONDS)).cause()
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("the bigram model was configured to fail at step 5");
    assertThat(tasks.awaitEnded(before + 3, Duration.ofSeconds(10)).subList(before, before + 3))
        .as("Spark saw three successful tasks: the failure travelled as a result")
        .allSatisfy(a -> assertThat(a.endReason()).isEqualTo("Success"));
  }

  @Test
  void anArchitectureMissingOnTheExecutorsIsReportedByName() {
    Trial good = TestTrials.bigram(8);
    Trial missing = new Trial(good.suite(), good.language(), good.languageClass(), "ghost", "com.example.GhostArchitecture",
        "", good.modelConfig(), good.training(), good.data(), good.scale(), good.seed(), good.device());
    assertThatThrownBy(() -> executor.execute(missing, () -> false))
        .isExactlyInstanceOf(ConfigException.class)
        .hasMessage("com.example.GhostArchitecture is not on the class path");
  }

  @Test
  void cancellingTheFutureCancelsTheTrial() throws Exception {
    int before = tasks.started().size();
    CompletableFuture<RunResult> slow = executor.submit(TestTrials.slow(9, 500), () -> false); // about 12 s
    TaskEvents.Attempt running = tasks.awaitStarted(before + 1, Duration.ofSeconds(20));
    long cancelled = System.nanoTime();
    assertThat(slow.cancel(true)).isTrue();
    assertThat(tasks.awaitEnd(running.taskId(), Duration.ofSeconds(10)).endReason()).startsWith("TaskKilled");
    assertThat((System.nanoTime() - cancelled) / 1e9).isLessThan(5);
  }

  @Test
  void aCancellationRequestedBeforeTheStartRunsNothing() {
    int before = tasks.started().size();
    assertThatThrownBy(() -> executor.execute(TestTrials.bigram(11), () -> true))
        .isExactlyInstanceOf(TrialCancelledException.class);
    assertThat(tasks.started()).hasSize(before);
  }

  @Test
  void noMasterAtTheAddressFailsWithinTheTimeoutAndSaysSo() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort(); // closed again: nothing listens there
    }
    String master = "spark://127.0.0.1:" + port;
    try (SparkTrialExecutor nowhere = new SparkTrialExecutor(SparkSettings.from(Map.of(
        "rulebench.spark.master", master, SparkSettings.REGISTRATION_TIMEOUT, "2")))) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> nowhere.submit(TestTrials.bigram(1), () -> false).get(30, TimeUnit.SECONDS)).cause()
          .isExactlyInstanceOf(NoSparkExecutorException.class)
          .hasMessage("no Spark executor registered within 2 s at " + master + "; no master answers there: check that "
              + "the master runs at that address and that this machine reaches it; or raise "
              + "rulebench.executor.spark.registrationTimeout");
      assertThat((System.nanoTime() - started) / 1e9).isBetween(2.0, 6.0);
    }
  }
}
