package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import dev.rulebench.api.ReportEntryKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rulebench.engine.examples.ANbNSuite;
import dev.rulebench.testing.NGramArchitecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The result cache seen through the engine: replays, corrupt entries, refresh and off. */
class CacheTest {

  @TempDir
  Path folder;

  private RuleBenchKit kit;

  @BeforeEach
  void kit() {
    kit = new RuleBenchKit(folder);
  }

  @Test
  void aHitSkipsTrainingAndTheChecksStillRun() throws IOException {
    execute();
    List<String> firstResults = runFiles();
    NGramArchitecture.reset();

    EngineExecutionResults again = execute();

    assertThat(NGramArchitecture.created()).isZero();
    again.testEvents().assertStatistics(stats -> stats.started(10).succeeded(10));
    assertThat(cacheSources(again)).containsOnly("hit").hasSize(4);
    assertThat(runFiles()).isEqualTo(firstResults);
  }

  @Test
  void aCorruptEntryIsReportedAndTrainedAgain() throws IOException {
    execute();
    List<Path> entries = cacheEntries();
    assertThat(entries).hasSize(4);
    byte[] whole = Files.readAllBytes(entries.get(0));
    Files.write(entries.get(0), Arrays.copyOf(whole, whole.length / 2));
    byte[] edited = Files.readAllBytes(entries.get(1));
    edited[edited.length - 10] ^= 1;
    Files.write(entries.get(1), edited);
    NGramArchitecture.reset();

    EngineExecutionResults again = execute();

    assertThat(NGramArchitecture.created()).isEqualTo(2);
    again.testEvents().assertStatistics(stats -> stats.started(10).succeeded(10));
    assertThat(cacheSources(again)).containsExactlyInAnyOrder("hit", "hit", "retrained", "retrained");
    assertThat(entryValues(again, ReportEntryKeys.CACHE_PROBLEM))
        .anySatisfy(p -> assertThat(p).contains("(truncated)"))
        .anySatisfy(p -> assertThat(p).contains("checksum does not match"));
    NGramArchitecture.reset();
    execute();
    assertThat(NGramArchitecture.created()).as("the retrained entries are trusted again").isZero();
  }

  @Test
  void refreshTrainsEverythingAgainAndOffTouchesNothing() throws IOException {
    execute();
    NGramArchitecture.reset();

    EngineExecutionResults refreshed = kit.with(Constants.CACHE, "refresh").engine(selectClass(ANbNSuite.class))
        .execute();

    assertThat(NGramArchitecture.created()).isEqualTo(4);
    assertThat(cacheSources(refreshed)).containsOnly("refreshed");

    RuleBenchKit off = new RuleBenchKit(folder.resolve("other")).with(Constants.CACHE, "off");
    EngineExecutionResults uncached = off.engine(selectClass(ANbNSuite.class)).execute();
    assertThat(cacheSources(uncached)).containsOnly("uncached");
    assertThat(off.cache()).doesNotExist();
  }

  @Test
  void aHalfWrittenTemporaryFileIsNeverRead() throws IOException {
    execute();
    Path entry = cacheEntries().get(0);
    String key = entry.getFileName().toString().replace(".result", "");
    // what a JVM killed while storing leaves behind, next to a removed entry
    Files.writeString(entry.resolveSibling("." + entry.getFileName() + "12345.tmp"), "rulebench-result 1 bytes=9");
    Files.delete(entry);
    NGramArchitecture.reset();

    EngineExecutionResults again = execute();

    assertThat(NGramArchitecture.created()).isEqualTo(1);
    assertThat(cacheSources(again)).containsExactlyInAnyOrder("hit", "hit", "hit", "trained");
    assertThat(Files.readString(kit.cache().resolve("results").resolve(key.substring(0, 2))
        .resolve(key + ".result"), StandardCharsets.UTF_8)).startsWith("rulebench-result 1 bytes=");
  }

  @Test
  void anUnusableCacheIsReportedAndTheRunsStillSucceed() throws IOException {
    Path notAFolder = Files.writeString(folder.resolve("cache-is-a-file"), "");
    EngineExecutionResults results = new RuleBenchKit(folder).with(Constants.CACHE_DIR, notAFolder.toString())
        .engine(selectClass(ANbNSuite.class)).execute();

    results.testEvents().assertStatistics(stats -> stats.started(10).succeeded(10));
    assertThat(entryValues(results, ReportEntryKeys.CACHE_PROBLEM)).hasSize(8)
        .anySatisfy(p -> assertThat(p).startsWith("the result could not be stored in the cache: "));
  }

  private EngineExecutionResults execute() {
    return kit.engine(selectClass(ANbNSuite.class)).execute();
  }

  private List<Path> cacheEntries() throws IOException {
    try (Stream<Path> walk = Files.walk(kit.cache())) {
      return walk.filter(p -> p.toString().endsWith(".result")).sorted().toList();
    }
  }

  private List<String> runFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(kit.output().resolve("runs"))) {
      return walk.filter(Files::isRegularFile).sorted().map(p -> {
        try {
          // timings aside, a replay is the same result
          return p.getFileName() + Files.readString(p).replaceAll("\"timings\"[^}]*}", "");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  static List<String> cacheSources(EngineExecutionResults results) {
    return entryValues(results, ReportEntryKeys.CACHE);
  }

  static List<String> entryValues(EngineExecutionResults results, String key) {
    return results.allEvents().reportingEntryPublished()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
        .filter(m -> m.containsKey(key)).map((Map<String, String> m) -> m.get(key)).toList();
  }
}
