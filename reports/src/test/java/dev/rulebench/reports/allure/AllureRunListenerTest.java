package dev.rulebench.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.reports.RunFixtures;
import dev.rulebench.reports.cell.Cells;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestExecutionListener;

/** Results completed while the suite runs, from the engine's report entries alone. */
class AllureRunListenerTest {

  @TempDir
  Path folder;

  private Map<String, JsonNode> results(Path results) {
    Map<String, JsonNode> byId = new HashMap<>();
    for (Path file : AllureResultsEnricher.resultFiles(results)) {
      JsonNode result = AllureResultsEnricher.read(file);
      AllureResultsEnricher.uniqueId((com.fasterxml.jackson.databind.node.ObjectNode) result)
          .ifPresent(id -> byId.put(id.segments().toString(), result));
    }
    return byId;
  }

  private static JsonNode find(Map<String, JsonNode> results, String... parts) {
    return results.entrySet().stream().filter(e -> List.of(parts).stream().allMatch(e.getKey()::contains))
        .filter(e -> !e.getKey().contains("check") || List.of(parts).stream().anyMatch(p -> p.contains("check")))
        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no result " + List.of(parts)));
  }

  private static Map<String, String> pairs(JsonNode array) {
    Map<String, String> pairs = new HashMap<>();
    array.forEach(node -> pairs.put(node.path("name").asText(), node.path("value").asText()));
    return pairs;
  }

  private static List<String> attachments(JsonNode result) {
    return StreamSupport.stream(result.path("attachments").spliterator(), false)
        .map(a -> a.path("name").asText()).toList();
  }

  @Test
  void isRegisteredAsATestExecutionListener() {
    assertThat(ServiceLoader.load(TestExecutionListener.class).stream().map(ServiceLoader.Provider::type))
        .contains(AllureRunListener.class);
  }

  @Test
  void runsAndChecksGetLabelsAndAttachmentsWhileTheyRun() throws Exception {
    Path runs = folder.resolve("runs");
    Path results = folder.resolve("allure-results");
    List<RunResult> suite = RunFixtures.mainSuite();
    RunFixtures.write(runs, suite);
    new FixtureEngine(suite, -1, runs).launch(results, true);

    Map<String, JsonNode> written = results(results);
    JsonNode run = find(written, "cell=aNbN-transformer-aaaaaaaaaaaa", "seed=1");
    assertThat(pairs(run.path("labels"))).containsEntry("epic", "MainTableSuite").containsEntry("feature", "aNbN")
        .containsEntry("story", "transformer");
    assertThat(pairs(run.path("parameters"))).containsEntry("scale", "smoke").containsEntry("seed", "1");
    assertThat(attachments(run)).containsExactlyInAnyOrder(RunAttachments.METRICS, RunAttachments.CURVES,
        RunAttachments.COMPLETIONS);
    JsonNode curves = StreamSupport.stream(run.path("attachments").spliterator(), false)
        .filter(a -> a.path("name").asText().equals(RunAttachments.CURVES)).findFirst().orElseThrow();
    assertThat(ImageIO.read(results.resolve(curves.path("source").asText()).toFile())).isNotNull();

    JsonNode check = find(written, "cell=aNbN-transformer-aaaaaaaaaaaa", "seed=1", "check=oodR1");
    assertThat(pairs(check.path("labels"))).containsEntry("story", "transformer");
    assertThat(attachments(check)).containsExactly(RunAttachments.METRICS);

    JsonNode cellCheck = find(written, "cell=aNbN-lstm-bbbbbbbbbbbb", "check=meanOodR1");
    assertThat(pairs(cellCheck.path("parameters"))).containsEntry("seeds", "1,2");
    assertThat(attachments(cellCheck)).containsExactly(RunAttachments.AGGREGATE);

    // completing afterwards adds nothing twice
    new AllureResultsEnricher(Cells.of(suite)).enrich(results, Map.of());
    JsonNode again = results(results).get(written.entrySet().stream().filter(e -> e.getValue().equals(run))
        .findFirst().orElseThrow().getKey());
    assertThat(attachments(again)).hasSize(3);
    assertThat(again.path("labels").findValues("name").stream().filter(n -> n.asText().equals("epic"))).hasSize(1);
    assertThat(Json.mapper().readTree(results.resolve(StreamSupport.stream(again.path("attachments").spliterator(),
        false).filter(a -> a.path("name").asText().equals(RunAttachments.METRICS)).findFirst().orElseThrow()
        .path("source").asText()).toFile()).path("seed").asLong()).isEqualTo(1);
  }
}
