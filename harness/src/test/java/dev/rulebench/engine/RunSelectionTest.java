package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rulebench.engine.examples.ANb2NSuite;
import dev.rulebench.engine.examples.ANbNSuite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EventConditions;

/** {@code rulebench.select}: one suite, cell or seed of those discovered, by pattern or unique id. */
class RunSelectionTest {

  @TempDir
  Path folder;

  private EngineDiscoveryResults discover(String selection) {
    return new RuleBenchKit(folder).with(Constants.SELECT, selection).engine(selectClass(ANbNSuite.class),
        selectClass(ANb2NSuite.class)).discover();
  }

  /** The discovered tree without its hashes. */
  private static String tree(EngineDiscoveryResults results) {
    return RuleBenchKit.outline(results.getEngineDescriptor()).replaceAll("-[0-9a-f]{12}", "-HASH");
  }

  @Test
  void aSeedOfACellOfASuiteIsSelectedByName() {
    EngineDiscoveryResults results = discover("ANbNSuite/aNbN-ngram/2");

    assertThat(results.getDiscoveryIssues()).isEmpty();
    // both cells of ANbNSuite are aNbN-ngram (two configurations); only seed 2 of each stays, with
    // the cell checks
    assertThat(tree(results)).isEqualTo("""
        engine rulebench "RuleBench"
          suite dev.rulebench.engine.examples.ANbNSuite "ANbNSuite"
            cell aNbN-ngram-HASH "aⁿbⁿ × ngram"
              run 2 "seed 2"
                check completionsEnd "completions end"
              check learnsTheTrainingWords "learnsTheTrainingWords"
            cell aNbN-ngram-HASH "aⁿbⁿ × ngram (order=2)"
              run 2 "seed 2"
                check completionsEnd "completions end"
              check learnsTheTrainingWords "learnsTheTrainingWords"
        """);
  }

  /** "ANbNSuite 1", … : the suite and seed of every run discovered. */
  private static List<String> runs(EngineDiscoveryResults results) {
    return results.getEngineDescriptor().getDescendants().stream()
        .filter(d -> d.getUniqueId().getLastSegment().getType().equals("seed"))
        .map(d -> d.getParent().orElseThrow().getParent().orElseThrow().getDisplayName() + " "
            + d.getUniqueId().getLastSegment().getValue())
        .toList();
  }

  @Test
  void wildcardsCaseAndQualifiedNamesAndSeveralPatterns() {
    List<String> all = runs(discover("*"));
    assertThat(all).contains("ANbNSuite 1", "ANbNSuite 2", "ANb2NSuite 1");
    assertThat(runs(discover("dev.rulebench.engine.examples.*"))).isEqualTo(all);
    assertThat(runs(discover("anbnsuite/ANBN, ANb2N*/*/seed1"))).containsExactlyInAnyOrderElementsOf(
        all.stream().filter(run -> run.startsWith("ANbNSuite ") || run.equals("ANb2NSuite 1")).toList());
    // a leading part of the cell id stops at a dash: "aNb" is no cell
    assertThat(runs(discover("*/aNb"))).isEmpty();
  }

  @Test
  void aUniqueIdSelectsWhatIsBelowIt() {
    EngineDiscoveryResults everything = new RuleBenchKit(folder).engine(selectClass(ANbNSuite.class)).discover();
    var cell = everything.getEngineDescriptor().getChildren().iterator().next().getChildren().iterator().next();
    var run = cell.getChildren().stream().filter(d -> d.getUniqueId().getLastSegment().getValue().equals("1"))
        .findFirst().orElseThrow();

    EngineDiscoveryResults results = discover(run.getUniqueId().toString());
    assertThat(results.getEngineDescriptor().getDescendants()).filteredOn(d -> d.getUniqueId().getLastSegment()
        .getType().equals("seed")).extracting(d -> d.getUniqueId()).containsExactly(run.getUniqueId());
  }

  @Test
  void aSelectionThatKeepsNothingIsAWarningNamingTheCells() {
    EngineDiscoveryResults results = discover("ANbNSuite/parity");

    assertThat(results.getEngineDescriptor().getChildren()).isEmpty();
    assertThat(results.getDiscoveryIssues()).singleElement().satisfies(issue -> {
      assertThat(issue.severity()).isEqualTo(Severity.WARNING);
      assertThat(issue.message()).contains("rulebench.select selects none of the discovered runs")
          .containsPattern("ANbNSuite/aNbN-ngram-[0-9a-f]{12}").containsPattern("ANb2NSuite/aNb2N-ngram-[0-9a-f]{12}");
    });
  }

  @Test
  void aMalformedPatternIsADiscoveryErrorNamingTheKeyAndTheFix() {
    for (String bad : List.of("ANbNSuite/aNbN/two", "a/b/1/x", "ANbNSuite//1", "[engine:rulebench", " , ")) {
      List<DiscoveryIssue> issues = discover(bad).getDiscoveryIssues();
      assertThat(issues).as(bad).anySatisfy(issue -> {
        assertThat(issue.severity()).isEqualTo(Severity.ERROR);
        assertThat(issue.message()).contains("rulebench.select").contains("suite[/cell[/seed]]");
      });
    }
  }

  @Test
  void onlyTheSelectedRunsTrain() {
    var events = new RuleBenchKit(folder).with(Constants.SELECT, "ANbNSuite/aNbN-ngram/2")
        .engine(selectClass(ANbNSuite.class)).execute().allEvents();
    assertThat(events.started().filter(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getType()
        .equals("seed")).count()).isEqualTo(2);
    events.assertThatEvents().doNotHave(EventConditions.event(EventConditions.uniqueIdSubstring("[seed:1]")));
  }
}
