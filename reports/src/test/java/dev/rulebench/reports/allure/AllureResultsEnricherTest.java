package dev.rulebench.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.reports.RunFixtures;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.cell.RunResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureResultsEnricherTest {

  @TempDir
  Path folder;

  /**
   * Two cells of one suite share language and architecture (another layer count): the engine's
   * cell segment is the cell's id, so each result finds its own cell's numbers.
   */
  @Test
  void cellsOfTheSameLanguageAndArchitectureAreToldApartByTheirIds() throws Exception {
    List<RunResult> runs = new ArrayList<>(RunFixtures.mainSuite());
    runs.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "transformer", "gggggggggggg", 1, "none",
        RunFixtures.point(0.1, 1, 1, 0.99, 1)));
    Path runsFolder = folder.resolve("runs");
    Path results = folder.resolve("allure-results");
    RunFixtures.write(runsFolder, runs);
    new FixtureEngine(runs, -1, null).launch(results);

    RunResults read = RunResults.read(runsFolder);
    AllureResultsEnricher.Outcome outcome = new AllureResultsEnricher(Cells.of(read.runs())).enrich(results, Map.of());
    assertThat(outcome.enriched()).isEqualTo(outcome.results());

    for (String hash : List.of("aaaaaaaaaaaa", "gggggggggggg")) {
      ObjectNode run = AllureResultsEnricher.resultFiles(results).stream().map(AllureResultsEnricher::read)
          .filter(r -> AllureResultsEnricher.uniqueId(r).orElseThrow().find("cell").orElseThrow()
              .equals("aNbN-transformer-" + hash))
          .filter(r -> AllureResultsEnricher.uniqueId(r).orElseThrow().isRun())
          .filter(r -> AllureResultsEnricher.uniqueId(r).orElseThrow().seed().orElseThrow() == 1)
          .findFirst().orElseThrow();
      JsonNode metrics = null;
      for (JsonNode attachment : run.path("attachments")) {
        if (attachment.path("name").asText().equals(RunAttachments.METRICS)) {
          metrics = Json.mapper().readTree(results.resolve(attachment.path("source").asText()).toFile());
        }
      }
      assertThat(metrics).isNotNull();
      assertThat(metrics.path("configHash").asText()).isEqualTo(hash);
    }
  }

  @Test
  void aResultOfACellWithoutRunsIsLeftAlone() {
    RunResult known = RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "transformer", "aaaaaaaaaaaa", 1, "none",
        RunFixtures.point(0.1, 1, 1, 0.5, 1));
    RunResult other = RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "transformer", "gggggggggggg", 1, "none",
        RunFixtures.point(0.1, 1, 1, 0.9, 1));
    Path results = folder.resolve("allure-results");
    new FixtureEngine(List.of(other), -1, null).launch(results);
    AllureResultsEnricher.Outcome outcome = new AllureResultsEnricher(Cells.of(List.of(known))).enrich(results, Map.of());
    assertThat(outcome.results()).isPositive();
    assertThat(outcome.enriched()).as("a cell of the same language and architecture is another cell").isZero();
  }
}
