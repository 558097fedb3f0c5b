package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.rulebench.engine.examples.ANbNSuite;
import dev.rulebench.engine.examples.RepeatedArchitectureSuite;
import dev.rulebench.engine.examples.SameConfigurationTwiceSuite;
import dev.rulebench.engine.examples.malformed.DuplicateSeedsSuite;
import dev.rulebench.engine.examples.malformed.NegativeSeedSuite;
import dev.rulebench.engine.examples.malformed.NoArchitectureSuite;
import dev.rulebench.engine.examples.malformed.OutOfRangeConfigSuite;
import dev.rulebench.engine.examples.malformed.OutOfRangeTrainingSuite;
import dev.rulebench.engine.examples.malformed.TaggedMalformedSuite;
import dev.rulebench.engine.examples.malformed.UnknownArchitectureSuite;
import dev.rulebench.engine.examples.malformed.UnknownConfigKeySuite;
import dev.rulebench.engine.examples.malformed.UnknownLanguageSuite;
import dev.rulebench.engine.examples.malformed.UnknownScaleSuite;
import dev.rulebench.engine.examples.malformed.UnknownTrainingKeySuite;
import dev.rulebench.engine.examples.malformed.WrongCheckParameterSuite;
import dev.rulebench.engine.examples.malformed.WrongConfigTypeSuite;
import dev.rulebench.engine.examples.malformed.WrongTrainingTypeSuite;
import dev.rulebench.engine.examples.malformed.ZeroSeedCountSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Every malformed suite gets exactly one issue naming the class, the annotation and the fix. */
class MalformedSuiteTest {

  @TempDir
  Path folder;

  static Stream<Arguments> malformedSuites() {
    return Stream.of(
        Arguments.of(UnknownLanguageSuite.class, "@Grammar(\"aNbNN\")", "unknown language 'aNbNN'"),
        Arguments.of(UnknownArchitectureSuite.class, "@Architecture(\"transformerz\")",
            "unknown architecture 'transformerz'; known: ngram"),
        Arguments.of(NoArchitectureSuite.class, "@Architecture", "names no architecture"),
        Arguments.of(ZeroSeedCountSuite.class, "@Seeds(count = 0)", "the count must be positive"),
        Arguments.of(NegativeSeedSuite.class, "@Seeds({1, -4})", "seeds must be positive, not [-4]"),
        Arguments.of(DuplicateSeedsSuite.class, "@Seeds({42, 64, 42})", "seeds [42] are repeated"),
        Arguments.of(UnknownConfigKeySuite.class, "@Architecture(\"ngram\", config = {\"layers=3\"})",
            "unknown key 'layers' for architecture ngram; known keys: order, smoothing, stepMillis"),
        Arguments.of(WrongConfigTypeSuite.class, "@Architecture(\"ngram\", config = {\"order=three\"})",
            "value 'three' of 'order' for architecture ngram is not an integer"),
        Arguments.of(UnknownTrainingKeySuite.class, "@Training", "unknown key 'epoks' for @Training"),
        Arguments.of(WrongTrainingTypeSuite.class, "@Training", "value 'big' of 'batchSize' for @Training is not an"
            + " integer"),
        Arguments.of(WrongCheckParameterSuite.class, "@Check looksAtTheLoss(double)",
            "a check takes exactly one parameter of type RunResult or CellResult"),
        Arguments.of(UnknownScaleSuite.class, "@RuleExtrapolation(scale = \"huge\")", "unknown scale 'huge'"),
        Arguments.of(OutOfRangeConfigSuite.class, "@Architecture(\"ngram\", config = {\"order=0\"})",
            "value '0' of 'order' for architecture ngram is out of range: it must be ≥ 1"),
        Arguments.of(OutOfRangeTrainingSuite.class, "@Training",
            "value '-1' of 'temperature' for @Training is out of range: it must be > 0"));
  }

  @ParameterizedTest
  @MethodSource("malformedSuites")
  void oneIssueNamesTheClassTheAnnotationAndTheFix(Class<?> suite, String annotation, String problem) {
    EngineDiscoveryResults results = new RuleBenchKit(folder).engine(selectClass(suite)).discover();

    List<DiscoveryIssue> issues = results.getDiscoveryIssues();
    assertThat(issues).hasSize(1);
    DiscoveryIssue issue = issues.get(0);
    // a warning, not an error: an error is critical to the JUnit Platform, which would then run no suite
    assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
    assertThat(issue.message())
        .startsWith("RuleBench suite " + suite.getName() + ": " + annotation + ": ")
        .contains(problem)
        .containsPattern("\\. Fix: .+\\.$");
    assertThat(issue.cause()).isEmpty();
    assertThat(issue.source()).get().satisfiesAnyOf(
        source -> assertThat(source).isEqualTo(ClassSource.from(suite)),
        source -> assertThat(source).isInstanceOf(org.junit.platform.engine.support.descriptor.MethodSource.class));
    assertThat(results.getEngineDescriptor().getChildren()).singleElement()
        .satisfies(child -> assertThat(child.getChildren()).isEmpty());
  }

  @Test
  void aMalformedSuiteFailsWithItsMistakesAndTheOtherSuitesStillRun() {
    EngineExecutionResults results = new RuleBenchKit(folder)
        .engine(selectClass(UnknownConfigKeySuite.class), selectClass(ANbNSuite.class)).execute();

    results.containerEvents().failed().assertThatEvents().singleElement().satisfies(event -> {
      assertThat(event.getTestDescriptor().getUniqueId().getLastSegment().getValue())
          .isEqualTo(UnknownConfigKeySuite.class.getName());
      assertThat(event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
          .hasMessageContaining("unknown key 'layers' for architecture ngram").hasMessageContaining("Fix:");
    });
    // ANbNSuite: 2 cells × 2 seeds, a check per run and one per cell
    results.testEvents().assertStatistics(stats -> stats.started(10).succeeded(10).failed(0));
  }

  @Test
  void aMalformedSuiteKeepsItsTagsSoATagFilterStillSelectsIt() {
    EngineExecutionResults results = new RuleBenchKit(folder).engine(selectClass(TaggedMalformedSuite.class))
        .filters(TagFilter.includeTags("slow")).execute();
    results.containerEvents().failed().assertThatEvents().singleElement()
        .satisfies(event -> assertThat(event.getTestDescriptor().getTags()).extracting(TestTag::getName)
            .containsExactly("slow"));

    EngineExecutionResults excluded = new RuleBenchKit(folder).engine(selectClass(TaggedMalformedSuite.class))
        .filters(TagFilter.excludeTags("slow")).execute();
    excluded.containerEvents().failed().assertThatEvents().isEmpty();
  }

  @Test
  void aCheckOrCellOfAMalformedSuiteSelectedByItselfFailsTheSuite() {
    EngineExecutionResults byMethod = new RuleBenchKit(folder)
        .engine(selectMethod(WrongCheckParameterSuite.class, "looksAtTheLoss", "double")).execute();
    byMethod.containerEvents().failed().assertThatEvents().singleElement()
        .satisfies(event -> assertThat(event.getTestDescriptor().getUniqueId().getLastSegment().getValue())
            .isEqualTo(WrongCheckParameterSuite.class.getName()));

    UniqueId cell = UniqueId.forEngine(RuleBenchTestEngine.ENGINE_ID)
        .append("suite", UnknownConfigKeySuite.class.getName()).append("cell", "aNbN-ngram-0123456789ab");
    EngineExecutionResults byId = new RuleBenchKit(folder).engine(selectUniqueId(cell)).execute();
    byId.containerEvents().failed().assertThatEvents().singleElement()
        .satisfies(event -> assertThat(event.getTestDescriptor().getUniqueId().getLastSegment().getValue())
            .isEqualTo(UnknownConfigKeySuite.class.getName()));
  }

  @Test
  void anArchitectureDeclaredTwiceIsAWarningAndItsCellRunsOnce() {
    EngineDiscoveryResults results = new RuleBenchKit(folder).engine(selectClass(RepeatedArchitectureSuite.class))
        .discover();

    assertThat(results.getDiscoveryIssues()).singleElement().satisfies(issue -> {
      assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
      assertThat(issue.message()).contains("@Architecture(\"ngram\", config = {\"order=2\"}) is declared 2 times");
    });
    assertThat(results.getEngineDescriptor().getChildren()).singleElement()
        .satisfies(suite -> assertThat(suite.getChildren()).hasSize(1));
  }

  @Test
  void twoDeclarationsThatResolveToOneConfigurationAreAWarningAndOneCell() {
    EngineDiscoveryResults results = new RuleBenchKit(folder).engine(selectClass(SameConfigurationTwiceSuite.class))
        .discover();

    assertThat(results.getDiscoveryIssues()).singleElement().satisfies(issue -> {
      assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
      assertThat(issue.message()).contains("aⁿbⁿ × ngram (order=3) resolves to the same configuration as another cell")
          .contains("it runs once");
    });
    assertThat(results.getEngineDescriptor().getChildren()).singleElement()
        .satisfies(suite -> assertThat(suite.getChildren()).hasSize(1));
  }

  @Test
  void aBadConfigurationParameterIsAnIssueNamingTheKey() {
    EngineDiscoveryResults results = new RuleBenchKit(folder).with(Constants.PARALLELISM, "many")
        .with(Constants.CACHE, "sometimes").engine(selectClass(UnknownScaleSuite.class)).discover();

    assertThat(results.getDiscoveryIssues()).extracting(DiscoveryIssue::message)
        .anySatisfy(m -> assertThat(m).contains("rulebench.parallelism='many'").contains("Fix: set it to auto or a positive"))
        .anySatisfy(m -> assertThat(m).contains("rulebench.cache='sometimes'").contains("use, refresh or off"));
  }

  @Test
  void anUnknownExecutorIsAnIssue() {
    EngineDiscoveryResults results = new RuleBenchKit(folder).with(Constants.EXECUTOR, "spark")
        .engine(selectClass(UnknownScaleSuite.class)).discover();

    assertThat(results.getDiscoveryIssues()).extracting(DiscoveryIssue::message)
        .anySatisfy(m -> assertThat(m).contains("rulebench.executor='spark' names no registered executor (known:")
            .contains("local"));
  }
}
