package dev.rulebench.spark;

import static dev.rulebench.spark.testing.SameMetrics.assertSameMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rulebench.api.Constants;
import dev.rulebench.engine.RuleBenchTestEngine;
import dev.rulebench.spark.examples.BigramSuite;
import dev.rulebench.spark.examples.CrashingBigramSuite;
import dev.rulebench.spark.examples.SlowBigramSuite;
import dev.rulebench.spark.testing.BigramArchitecture;
import dev.rulebench.spark.testing.EngineRun;
import dev.rulebench.spi.TrialCancelledException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The engine with {@code rulebench.executor=spark}, Spark embedded: suites run as they do locally. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SparkEngineTest {

  static final Map<String, String> EMBEDDED_SPARK = Map.of(
      Constants.EXECUTOR, "spark",
      "rulebench.spark.master", "local[2]",
      "rulebench.spark.driver.host", "127.0.0.1",
      "rulebench.spark.driver.bindAddress", "127.0.0.1",
      "rulebench.spark.ui.enabled", "false");

  @TempDir
  Path folder;

  @Test
  void aSuiteOnSparkGivesTheEventsAndMetricsOfALocalRun() {
    EngineRun local = EngineRun.of(BigramSuite.class, folder.resolve("local"), Map.of());
    EngineRun spark = EngineRun.of(BigramSuite.class, folder.resolve("spark"), EMBEDDED_SPARK);

    for (EngineRun run : new EngineRun[] {local, spark}) {
      // 4 runs + 4 per-seed checks + 2 cell checks
      run.results().testEvents().assertStatistics(stats -> stats.started(10).succeeded(10).failed(0).aborted(0));
    }
    assertThat(spark.runs()).hasSize(4).containsOnlyKeys(local.runs().keySet());
    local.runs().forEach((file, result) -> assertSameMetrics(spark.runs().get(file), result));
  }

  @Test
  void junitCancellationCancelsTheTrainingTrialsJobsAndSkipsTheRest() throws InterruptedException {
    CancellationToken token = CancellationToken.create();
    int before = BigramArchitecture.created();
    Thread canceller = new Thread(() -> {
      while (BigramArchitecture.created() == before) {
        Thread.onSpinWait();
      }
      token.cancel();
    });
    canceller.start();
    long started = System.nanoTime();
    EngineExecutionResults results = EngineTestKit.engine(RuleBenchTestEngine.ENGINE_ID)
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(EMBEDDED_SPARK)
        .configurationParameter(Constants.OUTPUT_DIR, folder.toString())
        .configurationParameter(Constants.CACHE, "off")
        .configurationParameter(Constants.PROGRESS, "false")
        .selectors(selectClass(SlowBigramSuite.class))
        .cancellationToken(token)
        .execute();
    canceller.join();

    // the runs in flight (up to 2 with local[2]) stop at a step boundary; the rest never start
    long inFlight = results.testEvents().started().count();
    assertThat(inFlight).isBetween(1L, 2L);
    results.testEvents().assertStatistics(stats -> stats.aborted(inFlight).succeeded(0));
    results.testEvents().assertThatEvents().haveExactly((int) inFlight, event(test(),
        abortedWithReason(instanceOf(TrialCancelledException.class), message(m -> m.contains("Spark job group")))));
    assertThat((System.nanoTime() - started) / 1e9).as("a run alone would take about 12 s").isLessThan(8);
    assertThat(folder.resolve("runs")).doesNotExist();
  }

  @Test
  void aCrashingCellFailsWithTheModelsOwnExceptionWhileTheOthersSucceed() {
    EngineRun spark = EngineRun.of(CrashingBigramSuite.class, folder, EMBEDDED_SPARK);

    spark.results().allEvents().assertThatEvents().haveExactly(2, event(test(),
        finishedWithFailure(instanceOf(IllegalStateException.class),
            message("the bigram model was configured to fail at step 3"))));
    // the healthy cell: 2 runs and their 2 checks; the broken cell's 2 checks are skipped
    spark.results().testEvents().assertStatistics(stats -> stats.succeeded(4).failed(2).skipped(2));
    assertThat(spark.runs()).hasSize(2).allSatisfy((file, result) -> assertThat(result.stopReason()).startsWith("reached"));
  }
}
