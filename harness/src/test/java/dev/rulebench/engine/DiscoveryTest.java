package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.rulebench.engine.descriptor.CellDescriptor;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.engine.descriptor.SuiteDescriptor;
import dev.rulebench.engine.examples.ANbNSuite;
import dev.rulebench.engine.examples.TaggedSuite;
import dev.rulebench.engine.examples.UserLanguageSuite;
import dev.rulebench.testing.NGramArchitecture;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

class DiscoveryTest {

  @TempDir
  Path folder;

  private EngineDiscoveryResults discover(org.junit.platform.engine.DiscoverySelector... selectors) {
    return new RuleBenchKit(folder).engine(selectors).discover();
  }

  @Test
  void aSuiteBecomesSuiteCellRunCheck() {
    EngineDiscoveryResults results = discover(selectClass(ANbNSuite.class));

    assertThat(results.getDiscoveryIssues()).isEmpty();
    String tree = RuleBenchKit.outline(results.getEngineDescriptor()).replaceAll("-[0-9a-f]{12}", "-HASH");
    assertThat(tree).isEqualTo("""
        engine rulebench "RuleBench"
          suite dev.rulebench.engine.examples.ANbNSuite "ANbNSuite"
            cell aNbN-ngram-HASH "aⁿbⁿ × ngram"
              run 1 "seed 1"
                check completionsEnd "completions end"
              run 2 "seed 2"
                check completionsEnd "completions end"
              check learnsTheTrainingWords "learnsTheTrainingWords"
            cell aNbN-ngram-HASH "aⁿbⁿ × ngram (order=2)"
              run 1 "seed 1"
                check completionsEnd "completions end"
              run 2 "seed 2"
                check completionsEnd "completions end"
              check learnsTheTrainingWords "learnsTheTrainingWords"
        """);
    TestDescriptor run = first(results, RunDescriptor.class);
    assertThat(run.getType()).isEqualTo(TestDescriptor.Type.CONTAINER_AND_TEST);
    assertThat(run.getUniqueId().toString()).matches(
        "\\[engine:rulebench]/\\[suite:dev.rulebench.engine.examples.ANbNSuite]/\\[cell:aNbN-ngram-[0-9a-f]{12}]"
            + "/\\[seed:1]");
  }

  @Test
  void eachTrainingVariantIsACellOfItsOwn() {
    EngineDiscoveryResults results = discover(selectClass(
        dev.rulebench.engine.examples.TrainingVariantsSuite.class));

    assertThat(results.getDiscoveryIssues()).isEmpty();
    String tree = RuleBenchKit.outline(results.getEngineDescriptor()).replaceAll("-[0-9a-f]{12}", "-HASH");
    assertThat(tree).isEqualTo("""
        engine rulebench "RuleBench"
          suite dev.rulebench.engine.examples.TrainingVariantsSuite "TrainingVariantsSuite"
            cell aNbN-ngram-HASH "aⁿbⁿ × ngram [supervision=none]"
              run 1 "seed 1"
            cell aNbN-ngram-HASH "aⁿbⁿ × ngram [supervision=adversarial]"
              run 1 "seed 1"
            cell aNbN-ngram-HASH "aⁿbⁿ × ngram [supervision=oracle]"
              run 1 "seed 1"
        """);
    assertThat(ids(results)).doesNotHaveDuplicates();
  }

  @Test
  void idsAreTheSameOnEveryDiscovery() {
    List<String> first = ids(discover(selectClass(ANbNSuite.class)));
    List<String> second = ids(discover(selectClass(ANbNSuite.class)));

    assertThat(first).hasSize(13).isEqualTo(second);
  }

  @Test
  void theScaleIsPartOfTheCellsId() {
    List<String> smoke = ids(discover(selectClass(ANbNSuite.class)));
    List<String> quick = ids(new RuleBenchKit(folder).with(Constants.SCALE, "quick")
        .engine(selectClass(ANbNSuite.class)).discover());

    assertThat(quick).hasSameSizeAs(smoke).doesNotContainAnyElementsOf(smoke.subList(2, smoke.size()));
  }

  @Test
  void discoveryTrainsNothing() {
    NGramArchitecture.reset();

    discover(selectPackage("dev.rulebench.engine.examples"));

    assertThat(NGramArchitecture.created()).isZero();
  }

  @Test
  void aUniqueIdReResolvesToTheSameNodeAndNothingElse() {
    EngineDiscoveryResults full = discover(selectClass(ANbNSuite.class));
    RunDescriptor run = all(full, RunDescriptor.class).get(3);

    EngineDiscoveryResults rerun = discover(selectUniqueId(run.getUniqueId()));

    assertThat(ids(rerun)).containsExactly(
        run.getParent().orElseThrow().getParent().orElseThrow().getUniqueId().toString(),
        run.getParent().orElseThrow().getUniqueId().toString(),
        run.getUniqueId().toString(),
        run.getUniqueId().append("check", "completionsEnd").toString());
  }

  @Test
  void aCellCheckBringsTheRunsItAggregatesButNotTheirChecks() {
    EngineDiscoveryResults full = discover(selectClass(ANbNSuite.class));
    CellDescriptor cell = all(full, CellDescriptor.class).get(0);
    UniqueId check = cell.getUniqueId().append("check", "learnsTheTrainingWords");

    EngineDiscoveryResults rerun = discover(selectUniqueId(check));

    CellDescriptor resolved = all(rerun, CellDescriptor.class).get(0);
    assertThat(resolved.runs()).extracting(RunDescriptor::seed).containsExactly(1L, 2L);
    assertThat(resolved.runs()).allSatisfy(r -> assertThat(r.getChildren()).isEmpty());
    assertThat(resolved.checks()).extracting(c -> c.getUniqueId()).containsExactly(check);
  }

  @Test
  void aMethodSelectorSelectsThatCheckUnderEveryRun() {
    EngineDiscoveryResults results = discover(selectMethod(ANbNSuite.class, "completionsEnd",
        "dev.rulebench.api.RunResult"));

    assertThat(all(results, RunDescriptor.class)).hasSize(4);
    assertThat(all(results, CheckDescriptor.class)).hasSize(4)
        .allSatisfy(c -> assertThat(c.check().name()).isEqualTo("completionsEnd"));
  }

  @Test
  void packagesAndClasspathRootsFindEverySuiteTheMalformedOnesMarkedSo() {
    EngineDiscoveryResults results = discover(selectPackage("dev.rulebench.engine.examples"));

    assertThat(all(results, SuiteDescriptor.class)).filteredOn(s -> !s.definition().isMalformed())
        .extracting(s -> s.definition().suiteClass().getSimpleName())
        .contains("ANbNSuite", "FailingCheckSuite", "TaggedSuite", "UserLanguageSuite")
        .doesNotContain("UnknownLanguageSuite");
    assertThat(all(results, SuiteDescriptor.class)).filteredOn(s -> s.definition().isMalformed())
        .extracting(s -> s.definition().suiteClass().getSimpleName())
        .contains("UnknownLanguageSuite")
        .allSatisfy(name -> assertThat(name).isNotIn("ANbNSuite", "FailingCheckSuite"));
    assertThat(results.getDiscoveryIssues()).isNotEmpty();
  }

  @Test
  void aClasspathRootIsScannedThroughTheClassNameFilter() throws Exception {
    Path root = Path.of(ANbNSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());

    EngineDiscoveryResults results = new RuleBenchKit(folder)
        .engine(selectClasspathRoots(java.util.Set.of(root)).get(0))
        .filters(ClassNameFilter.includeClassNamePatterns(".*\\.examples\\.(ANbN|Tagged)Suite"))
        .discover();

    assertThat(results.getDiscoveryIssues()).isEmpty();
    assertThat(all(results, SuiteDescriptor.class)).extracting(s -> s.definition().suiteClass().getSimpleName())
        .containsExactlyInAnyOrder("ANbNSuite", "TaggedSuite");
  }

  @Test
  void tagsOfTheSuiteReachEveryRunAndCheck() {
    EngineDiscoveryResults results = discover(selectClass(TaggedSuite.class));

    assertThat(first(results, RunDescriptor.class).getTags()).containsExactly(TestTag.create("nightly"));
    assertThat(all(results, CheckDescriptor.class)).extracting(c -> c.getTags().stream().map(TestTag::getName)
            .sorted().collect(Collectors.joining(",")))
        .containsExactlyInAnyOrder("extrapolation,nightly", "nightly");
  }

  @Test
  void aUsersOwnLanguageIsFoundByClass() {
    EngineDiscoveryResults results = discover(selectClass(UserLanguageSuite.class));

    assertThat(results.getDiscoveryIssues()).isEmpty();
    assertThat(all(results, CellDescriptor.class)).hasSize(1)
        .allSatisfy(c -> assertThat(c.getDisplayName()).isEqualTo("(ab)ⁿ × ngram (order=4, smoothing=0.01)"));
    assertThat(first(results, SuiteDescriptor.class).getDisplayName()).isEqualTo("alternating pairs");
  }

  @Test
  void rulebenchSeedsReplacesEverySuitesSeeds() {
    EngineDiscoveryResults results = new RuleBenchKit(folder).with(Constants.SEEDS, "5,9")
        .engine(selectClass(ANbNSuite.class)).discover();

    assertThat(all(results, RunDescriptor.class)).extracting(RunDescriptor::seed).containsExactly(5L, 9L, 5L, 9L);
  }

  static List<String> ids(EngineDiscoveryResults results) {
    return results.getEngineDescriptor().getDescendants().stream().map(d -> d.getUniqueId().toString()).toList();
  }

  static <T extends TestDescriptor> List<T> all(EngineDiscoveryResults results, Class<T> type) {
    return results.getEngineDescriptor().getDescendants().stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends TestDescriptor> T first(EngineDiscoveryResults results, Class<T> type) {
    return all(results, type).get(0);
  }
}
