package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import dev.rulebench.api.ReportEntryKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.engine.examples.SlowSuite;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.testing.NGramArchitecture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class CancellationTest {

  @TempDir
  Path folder;

  @Test
  @Timeout(20)
  void cancellingStopsTheRunInTrainingAndSkipsTheRestLeavingNothingCached() throws Exception {
    NGramArchitecture.reset();
    CancellationToken token = CancellationToken.create();
    Thread canceller = new Thread(() -> {
      while (NGramArchitecture.created() == 0) {
        pause();
      }
      token.cancel();
    });
    canceller.start();
    RuleBenchKit kit = new RuleBenchKit(folder);

    EngineExecutionResults results = kit.engine(selectClass(SlowSuite.class)).cancellationToken(token).execute();
    canceller.join();

    // seed 1 was training: it stops at a step boundary; seeds 2 and 3 never start
    results.testEvents().assertStatistics(stats -> stats.started(1).aborted(1).skipped(3).succeeded(0));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("seed:1"), abortedWithReason(instanceOf(TrialCancelledException.class),
            message(m -> m.startsWith("cancelled at step ")))))
        .haveExactly(1, event(test("check:anything"), skippedWithReason(r -> r.startsWith("the run was aborted"))))
        .haveExactly(2, event(skippedWithReason("Execution cancelled")));
    assertThat(NGramArchitecture.created()).isEqualTo(1);
    assertThat(kit.cache()).satisfiesAnyOf(
        cache -> assertThat(cache).doesNotExist(),
        cache -> assertThat(Files.walk(cache).filter(Files::isRegularFile)).isEmpty());
    assertThat(kit.output().resolve("runs")).doesNotExist();
  }

  @Test
  @Timeout(30)
  void withResumeACancelledRunContinuesFromItsCheckpoint() throws Exception {
    NGramArchitecture.reset();
    CancellationToken token = CancellationToken.create();
    RuleBenchKit kit = new RuleBenchKit(folder).with(Constants.RESUME, "true").with(Constants.SEEDS, "1");
    Path checkpoints = kit.cache().resolve("checkpoints");
    Thread canceller = new Thread(() -> {
      // after the first validation's checkpoint (8 steps of 20 ms)
      while (!hasCheckpoint(checkpoints)) {
        pause();
      }
      token.cancel();
    });
    canceller.start();

    kit.engine(selectClass(SlowSuite.class)).cancellationToken(token).execute()
        .testEvents().assertStatistics(stats -> stats.aborted(1));
    canceller.join();
    assertThat(hasCheckpoint(checkpoints)).isTrue();
    NGramArchitecture.reset();

    EngineExecutionResults resumed = kit.engine(selectClass(SlowSuite.class)).execute();

    resumed.testEvents().assertStatistics(stats -> stats.succeeded(2));
    RunResult result = Json.read(Path.of(CacheTest.entryValues(resumed, ReportEntryKeys.RESULT).get(0)),
        RunResult.class);
    assertThat(result.history()).hasSize(3);
    assertThat(result.timings().steps()).isEqualTo(24);
    assertThat(NGramArchitecture.steps()).as("steps trained after resuming").isBetween(1, 16);
    assertThat(hasCheckpoint(checkpoints)).as("deleted once the result is stored").isFalse();
  }

  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean hasCheckpoint(Path checkpoints) {
    if (!Files.isDirectory(checkpoints)) {
      return false;
    }
    try (var walk = Files.walk(checkpoints)) {
      return walk.anyMatch(p -> p.getFileName().toString().equals("trainer.json"));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }
}
