package dev.rulebench.suites.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rulebench.api.Constants;
import dev.rulebench.api.ReportEntryKeys;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.engine.RuleBenchTestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The whole path with real models: the rulebench engine discovers a suite, models-tf trains it at
 * smoke scale, the check runs on the result, the JSON is written, and a second execution replays
 * the run from the cache.
 */
class EndToEndSmokeTest {

  @TempDir
  Path folder;

  @Test
  void aRealSuiteTrainsChecksAndReplaysFromTheCache() {
    EngineExecutionResults first = execute();

    first.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    Map<String, String> result = entryWith(first, ReportEntryKeys.RESULT);
    assertThat(result).containsEntry(ReportEntryKeys.CACHE, "trained");
    RunResult run = Json.read(Path.of(result.get(ReportEntryKeys.RESULT)), RunResult.class);
    assertThat(run.architecture()).isEqualTo("transformer");
    assertThat(run.environment().backend()).contains("TensorFlow");
    assertThat(run.timings().steps()).isEqualTo(24);
    assertThat(run.history()).isNotEmpty();

    EngineExecutionResults second = execute();

    second.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(entryWith(second, ReportEntryKeys.RESULT)).containsEntry(ReportEntryKeys.CACHE, "hit")
        .containsEntry(ReportEntryKeys.CACHE_KEY, run.cacheKey());
  }

  private EngineExecutionResults execute() {
    return EngineTestKit.engine(RuleBenchTestEngine.ENGINE_ID)
        .enableImplicitConfigurationParameters(false)
        .configurationParameter(Constants.OUTPUT_DIR, folder.resolve("out").toString())
        .configurationParameter(Constants.CACHE_DIR, folder.resolve("cache").toString())
        .configurationParameter(Constants.DEVICE, "cpu")
        .selectors(selectClass(ANbNSmokeSuite.class))
        .execute();
  }

  private static Map<String, String> entryWith(EngineExecutionResults results, String key) {
    List<Map<String, String>> entries = results.allEvents().reportingEntryPublished()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
        .filter(m -> m.containsKey(key)).toList();
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }
}
