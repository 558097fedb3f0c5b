package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import dev.rulebench.api.ReportEntryKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rulebench.api.CellId;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.config.Settings;
import dev.rulebench.engine.examples.ANbNSuite;
import dev.rulebench.engine.examples.CrashingSuite;
import dev.rulebench.engine.examples.DivergingSuite;
import dev.rulebench.engine.examples.FailingCheckSuite;
import dev.rulebench.engine.examples.TaggedSuite;
import dev.rulebench.engine.examples.UserLanguageSuite;
import dev.rulebench.eval.Metric;
import dev.rulebench.testing.BrokenArchitecture;
import dev.rulebench.testing.NGramArchitecture;
import dev.rulebench.testing.RecordingObserver;
import dev.rulebench.testing.SerialisingExecutor;
import dev.rulebench.train.TrainingDivergedException;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExecutionTest {

  @TempDir
  Path folder;

  @Test
  void aTagFilterLeavesTheOtherSuitesUntrained() {
    EngineExecutionResults results = new RuleBenchKit(folder)
        .engine(selectClass(ANbNSuite.class), selectClass(TaggedSuite.class))
        .filters(TagFilter.includeTags("nightly")).execute();

    // TaggedSuite: one run and its two checks; none of ANbNSuite's runs trains
    results.testEvents().assertStatistics(stats -> stats.started(3));
    assertThat(results.allEvents().started().stream().map(e -> e.getTestDescriptor().getUniqueId().toString()))
        .noneMatch(id -> id.contains(ANbNSuite.class.getName()));
  }

  @Test
  void everyRunAndCheckSucceedsAndSurefireCanCountThem() {
    EngineExecutionResults results = new RuleBenchKit(folder).engine(selectClass(ANbNSuite.class)).execute();

    // 4 runs + 4 per-seed checks + 2 cell checks
    results.testEvents().assertStatistics(stats -> stats.started(10).succeeded(10).failed(0).aborted(0).skipped(0));
    // engine, suite, 2 cells, and the 4 runs as containers too
    results.containerEvents().assertStatistics(stats -> stats.started(8).succeeded(8));
  }

  @Test
  void adversarialAndOracleVariantsTrainEvenWhereTheirCompletionsOutgrowTheScalesWords() {
    // smoke scale's words have at most 16 symbols; an adversarial completion of an 8-symbol prompt has up to 9
    EngineExecutionResults results = new RuleBenchKit(folder)
        .engine(selectClass(dev.rulebench.engine.examples.TrainingVariantsSuite.class)).execute();

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
  }

  @Test
  void eachRunWritesItsJsonAndPublishesItsEntries() throws IOException {
    RuleBenchKit kit = new RuleBenchKit(folder);
    EngineExecutionResults results = kit.engine(selectClass(ANbNSuite.class)).execute();

    Path suiteFolder = kit.output().resolve("runs").resolve(ANbNSuite.class.getName());
    try (Stream<Path> files = Files.list(suiteFolder)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .hasSize(4).allMatch(name -> name.matches("aNbN-ngram-[0-9a-f]{12}-seed[12]\\.json"));
    }
    Event run = results.allEvents().reportingEntryPublished()
        // runs train side by side (rulebench.parallelism=auto): pick seed 1's, whichever came first
        .filter(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("seed"))
        .filter(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getValue().equals("1")).findFirst()
        .orElseThrow();
    List<Map<String, String>> entries = results.allEvents().reportingEntryPublished()
        .filter(e -> e.getTestDescriptor().equals(run.getTestDescriptor()))
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
    assertThat(entries.get(0)).containsEntry(ReportEntryKeys.SUITE, ANbNSuite.class.getName())
        .containsEntry(ReportEntryKeys.LANGUAGE, "aNbN").containsEntry(ReportEntryKeys.ARCHITECTURE, "ngram")
        .containsEntry(ReportEntryKeys.SEED, "1").containsEntry(ReportEntryKeys.SCALE, "smoke");
    assertThat(entries).contains(
        Map.of("allure.parameter", "language", "value", "aNbN"),
        Map.of("allure.parameter", "architecture", "value", "ngram"),
        Map.of("allure.parameter", "seed", "value", "1"),
        Map.of("allure.parameter", "scale", "value", "smoke"));
    Map<String, String> result = entries.get(entries.size() - 1);
    RunResult json = Json.read(Path.of(result.get(ReportEntryKeys.RESULT)), RunResult.class);
    assertThat(result).containsEntry(ReportEntryKeys.CONFIG_HASH, json.configHash())
        .containsEntry(ReportEntryKeys.CACHE_KEY, json.cacheKey())
        .containsEntry(ReportEntryKeys.CACHE, "trained")
        .containsEntry("rulebench.metric.ood_r1", String.valueOf(json.metric(Metric.OOD_R1)))
        .containsEntry("rulebench.metric.test_loss", String.valueOf(json.metric(Metric.TEST_LOSS)))
        .containsKeys("rulebench.metric.id_r1", "rulebench.metric.id_r2", "rulebench.metric.ood_r2_completion");
    assertThat(json.suite()).isEqualTo(ANbNSuite.class.getName());
    assertThat(json.seed()).isEqualTo(1);
    // one identity for the cell: the unique-id segment, the run file's name and the result's hash
    String cellSegment = run.getTestDescriptor().getUniqueId().getSegments().stream()
        .filter(segment -> segment.getType().equals("cell")).findFirst().orElseThrow().getValue();
    assertThat(cellSegment).isEqualTo(CellId.of(json).toString()).isEqualTo(entries.get(0).get(ReportEntryKeys.CELL))
        .endsWith("-" + json.configHash());
    assertThat(Path.of(result.get(ReportEntryKeys.RESULT)).getFileName()).hasToString(cellSegment + "-seed1.json");
    assertThat(results.allEvents().filter(e -> e.getType() == EventType.FILE_ENTRY_PUBLISHED).count()).isEqualTo(4);
  }

  /** A key of the models (rulebench.tf.*, rulebench.tensorboard) set as the engine's parameter, e.g. in junit-platform.properties. */
  @Test
  void theEnginesParametersReachTheCodeThatTrains() {
    try {
      new RuleBenchKit(folder).with("rulebench.test.fromTheLauncher", "yes").engine(selectClass(ANbNSuite.class))
          .execute().testEvents().assertStatistics(stats -> stats.failed(0));
      assertThat(Settings.get("rulebench.test.fromTheLauncher")).contains("yes");
    } finally {
      Settings.install(Map.of());
    }
  }

  @Test
  void aFailingCheckIsReportedWithExpectedAndActual() {
    EngineExecutionResults results = new RuleBenchKit(folder).engine(selectClass(FailingCheckSuite.class)).execute();

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    Event failed = results.testEvents().failed().stream().findFirst().orElseThrow();
    AssertionFailedError error = (AssertionFailedError) failed.getPayload(
        org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("extrapolatesR1");
    assertThat(error.getExpected().getStringRepresentation()).isEqualTo("≥ 0.9900");
    assertThat((Double) error.getActual().getValue()).isLessThan(FailingCheckSuite.CLAIM);
    assertThat(error.getMessage()).startsWith("aNbN ngram seed 1: OOD R1 (rule extrapolation) should be ≥ 0.9900"
        + " but was ");
  }

  @Test
  void crashesAreUnwrappedAndTheirChecksSkipped() {
    EngineExecutionResults results = new RuleBenchKit(folder).engine(selectClass(CrashingSuite.class)).execute();

    // the broken run fails with the model's own exception; its check and its cell's check are skipped
    results.allEvents().assertThatEvents().haveExactly(1, event(test(uniqueIdSubstring("aNbN-broken")),
        finishedWithFailure(instanceOf(IllegalStateException.class), message(BrokenArchitecture.MESSAGE))));
    results.allEvents().assertThatEvents().haveExactly(2, event(uniqueIdSubstring("aNbN-broken"),
        skippedWithReason(reason -> reason.startsWith("seed 1 failed: " + BrokenArchitecture.MESSAGE)
            || reason.startsWith("the run failed: " + BrokenArchitecture.MESSAGE))));
    // the healthy run's check crashes with a NullPointerException, not a reflection wrapper
    results.allEvents().assertThatEvents().haveExactly(1, event(test(uniqueIdSubstring("check:readsTheSamples")),
        finishedWithFailure(instanceOf(NullPointerException.class))));
  }

  @Test
  void aRunWhoseFiniteLossExplodesFailsAsDivergedIsNotCachedAndTheOthersGoOn() throws Exception {
    RuleBenchKit kit = new RuleBenchKit(folder);
    EngineExecutionResults results = kit.engine(selectClass(DivergingSuite.class)).execute();

    // ln 5 · 10 · 10 > 10 · ln 5: the third step's loss is past the limit, long before it overflows
    results.allEvents().assertThatEvents().haveExactly(1, event(test(uniqueIdSubstring("aNbN-exploding")),
        finishedWithFailure(instanceOf(TrainingDivergedException.class),
            message(m -> m.startsWith("the training loss became 160.9") && m.contains("at step 2 (")
                && m.contains("above 16.09 = 10 · ln 5, the divergence limit")
                && m.contains(TrainingDivergedException.MARKER)))));
    results.allEvents().assertThatEvents().haveExactly(1, event(test(uniqueIdSubstring("aNbN-exploding")),
        finishedWithFailure(instanceOf(TrainingDivergedException.class),
            message(m -> m.startsWith("the training loss became NaN at step 1 (") && m.contains("not a finite number")
                && m.contains(TrainingDivergedException.MARKER)))));
    results.allEvents().assertThatEvents().haveExactly(1, event(test(uniqueIdSubstring("aNbN-ngram")),
        finishedSuccessfully()));
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(kit.cache())) {
      entries = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(entries).as("only the healthy run is cached").hasSize(1);
  }

  @Test
  void withoutAModelImplementationRunsAbortWithTheReason() throws Exception {
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(new HidingLoader(original,
        "META-INF/services/dev.rulebench.model.ModelArchitecture"));
    EngineExecutionResults results;
    try {
      results = new RuleBenchKit(folder).engine(selectClass(FailingCheckSuite.class)).execute();
    } finally {
      Thread.currentThread().setContextClassLoader(original);
    }

    results.testEvents().assertStatistics(stats -> stats.started(1).aborted(1).skipped(2));
    results.testEvents().assertThatEvents().haveExactly(1, event(abortedWithReason(instanceOf(
        TestAbortedException.class), message(m -> m.startsWith("no model architecture is on the class path, so"
        + " 'ngram' cannot be trained: add the dependency dev.rulebench:rulebench-models-tf")))));
  }

  @Test
  void aUsersLanguageTrainsWithTheSuitesOverrides() {
    RuleBenchKit kit = new RuleBenchKit(folder);
    EngineExecutionResults results = kit.engine(selectClass(UserLanguageSuite.class)).execute();

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    Event entry = results.allEvents().reportingEntryPublished()
        .filter(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()
            .containsKey(ReportEntryKeys.RESULT)).findFirst().orElseThrow();
    RunResult run = Json.read(Path.of(entry.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()
        .get(ReportEntryKeys.RESULT)), RunResult.class);
    assertThat(run.language()).isEqualTo("alternatingPairs");
    assertThat(run.training().intValue("epochs")).isEqualTo(30);
    assertThat(run.training().intValue("batchSize")).isEqualTo(32);
    assertThat(run.training().booleanValue("lossIncludesPad")).isFalse();
    assertThat(run.training().intValue("warmup")).isZero();
    assertThat(run.modelConfig().intValue("order")).isEqualTo(4);
  }

  @Test
  void runsTrainInParallelUpToTheParallelismAndTheGpuSerialisesThem() {
    NGramArchitecture.reset();
    new RuleBenchKit(folder).with(Constants.PARALLELISM, "2").with(Constants.CACHE, "off")
        .engine(selectClass(dev.rulebench.engine.examples.SlowSuite.class)).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(6));
    assertThat(NGramArchitecture.mostAtOnce()).isEqualTo(2);
    // two runs at a time share the cores
    assertThat(NGramArchitecture.lastThreads())
        .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    NGramArchitecture.reset();
    new RuleBenchKit(folder).with(Constants.PARALLELISM, "2").with(Constants.CACHE, "off")
        .with(Constants.DEVICE, "gpu")
        .engine(selectClass(dev.rulebench.engine.examples.SlowSuite.class)).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(6));
    assertThat(NGramArchitecture.mostAtOnce()).isEqualTo(1);
  }

  @Test
  void autoParallelismTrainsOneRunPerCoreOnOneThreadEach() {
    int cores = Runtime.getRuntime().availableProcessors();
    NGramArchitecture.reset();
    new RuleBenchKit(folder).with(Constants.PARALLELISM, "auto").with(Constants.CACHE, "off")
        .engine(selectClass(dev.rulebench.engine.examples.SlowSuite.class)).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(6));
    assertThat(NGramArchitecture.mostAtOnce()).isEqualTo(Math.min(cores, 3));
    assertThat(NGramArchitecture.lastThreads()).isEqualTo(cores == 1 ? 0 : 1);
  }

  /** A class loader that hides one resource, as if a jar were missing from the class path. */
  static final class HidingLoader extends ClassLoader {
    private final String hidden;

    HidingLoader(ClassLoader parent, String hidden) {
      super(parent);
      this.hidden = hidden;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(hidden) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }

  @Test
  void anotherExecutorTrainsTheTrialsAndTheEngineReportsThemAsUsual() {
    SerialisingExecutor.reset();
    RuleBenchKit kit = new RuleBenchKit(folder).with(Constants.EXECUTOR, SerialisingExecutor.NAME)
        .with("rulebench.serialising.note", "handed through");

    EngineExecutionResults results = kit.engine(selectClass(ANbNSuite.class)).execute();

    results.testEvents().assertStatistics(stats -> stats.started(10).succeeded(10));
    assertThat(SerialisingExecutor.seen()).hasSize(4).doesNotHaveDuplicates();
    assertThat(CacheTest.cacheSources(results)).containsOnly("trained");
    assertThat(SerialisingExecutor.lastSettings().parameter("rulebench.serialising.note")).contains("handed through");
  }

  @Test
  void aCrashOnAnotherExecutorArrivesUnwrapped() {
    EngineExecutionResults results = new RuleBenchKit(folder).with(Constants.EXECUTOR, SerialisingExecutor.NAME)
        .engine(selectClass(CrashingSuite.class)).execute();

    results.allEvents().assertThatEvents().haveExactly(1, event(test(uniqueIdSubstring("aNbN-broken")),
        finishedWithFailure(instanceOf(IllegalStateException.class), message(BrokenArchitecture.MESSAGE))));
  }

  @Test
  void runObserversFollowEveryTrainedRun() {
    RecordingObserver.reset();
    RuleBenchKit kit = new RuleBenchKit(folder);

    kit.engine(selectClass(UserLanguageSuite.class)).execute();

    assertThat(RecordingObserver.finished()).containsExactly("alternatingPairs ngram seed 7 -> " + kit.output());
  }
}
