package dev.rulebench.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.reports.ReportGenerator;
import dev.rulebench.reports.ReportOptions;
import dev.rulebench.reports.ReportSummary;
import dev.rulebench.reports.RunFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole Allure path: a fixture engine with the rulebench engine's tree runs under the real
 * {@code allure-junit-platform} listener, then {@link ReportGenerator} completes the results and
 * renders the HTML with the Allure commandline, twice, so the history is carried over.
 */
class AllureReportTest {

  private static final long DIVERGED_SEED = 99;

  @TempDir
  static Path folder;

  private static Path results;
  private static ReportSummary first;
  private static ReportSummary second;
  private static String printed;

  @BeforeAll
  static void runSuiteAndReportTwice() {
    Path runs = folder.resolve("runs");
    Path output = folder.resolve("rulebench");
    results = output.resolve("allure-results");
    List<RunResult> finished = RunFixtures.mainSuite();
    int index = 0;
    for (RunResult run : finished) {
      Json.writeAtomically(runs.resolve("run-" + index++ + ".json"), run);
    }
    List<RunResult> planned = new ArrayList<>(finished);
    planned.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", DIVERGED_SEED, "none",
        RunFixtures.point(1, 0, 0, 0, 0)));
    new FixtureEngine(planned, DIVERGED_SEED, null).launch(results);

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ReportOptions options = ReportOptions.defaults(runs, output)
        .withAllureHistoryStore(folder.resolve("history-store"))
        .withConsole(new PrintStream(console, true, StandardCharsets.UTF_8));
    first = ReportGenerator.generate(options);
    second = ReportGenerator.generate(options);
    printed = console.toString(StandardCharsets.UTF_8);
  }

  private Map<String, JsonNode> resultsByUniqueId() {
    Map<String, JsonNode> byId = new HashMap<>();
    for (Path file : AllureResultsEnricher.resultFiles(results)) {
      JsonNode result = AllureResultsEnricher.read(file);
      for (JsonNode label : result.path("labels")) {
        if (label.path("name").asText().equals("junit.platform.uniqueid")) {
          byId.put(label.path("value").asText(), result);
        }
      }
    }
    return byId;
  }

  private JsonNode result(String uniqueIdSuffix) {
    return resultsByUniqueId().entrySet().stream().filter(e -> e.getKey().endsWith(uniqueIdSuffix))
        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no result " + uniqueIdSuffix));
  }

  private static Map<String, String> pairs(JsonNode array) {
    Map<String, String> pairs = new HashMap<>();
    array.forEach(node -> pairs.merge(node.path("name").asText(), node.path("value").asText(), (a, b) -> a + "|" + b));
    return pairs;
  }

  private JsonNode attachment(JsonNode result, String name) {
    return StreamSupport.stream(result.path("attachments").spliterator(), false)
        .filter(a -> a.path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no attachment " + name + " in " + result.path("attachments")));
  }

  private static final String TRANSFORMER_SEED_1 =
      "[suite:" + RunFixtures.MAIN_SUITE + "]/[cell:aNbN-transformer-aaaaaaaaaaaa]/[seed:1]";

  @Test
  void aRunResultCarriesLabelsParametersAndAttachments() throws Exception {
    JsonNode run = result(TRANSFORMER_SEED_1);
    Map<String, String> labels = pairs(run.path("labels"));
    assertThat(labels).containsEntry("epic", "MainTableSuite").containsEntry("feature", "aNbN")
        .containsEntry("story", "transformer");
    // the engine published language, architecture and seed; the report adds the scale, once each
    assertThat(pairs(run.path("parameters"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "language", "aNbN", "architecture", "transformer", "seed", "1", "scale", "smoke"));

    JsonNode curves = attachment(run, AllureResultsEnricher.CURVES);
    assertThat(curves.path("type").asText()).isEqualTo("image/png");
    assertThat(ImageIO.read(results.resolve(curves.path("source").asText()).toFile())).isNotNull();
    JsonNode metrics = Json.mapper().readTree(results.resolve(attachment(run, AllureResultsEnricher.METRICS)
        .path("source").asText()).toFile());
    assertThat(metrics.path("paperMetrics").path("ood_r1").asDouble()).isEqualTo(0.7);
    assertThat(metrics.path("bestMetrics").path("ood_r1").asDouble()).isEqualTo(0.5);
    assertThat(Files.readString(results.resolve(attachment(run, AllureResultsEnricher.COMPLETIONS)
        .path("source").asText()))).contains("ID prompts").contains("OOD prompts").contains("b a a a  →  b b EOS");
    assertThat(run.path("attachments")).as("no duplicates after reporting twice").hasSize(3);
  }

  @Test
  void checksCarryTheirRunsOrTheirCellsNumbers() throws Exception {
    JsonNode runCheck = result(TRANSFORMER_SEED_1 + "/[check:oodR1]");
    assertThat(runCheck.path("status").asText()).isEqualTo("passed");
    assertThat(pairs(runCheck.path("labels"))).containsEntry("epic", "MainTableSuite");
    assertThat(pairs(runCheck.path("parameters"))).containsEntry("seed", "1").containsEntry("scale", "smoke");
    attachment(runCheck, AllureResultsEnricher.METRICS);

    JsonNode below = result("[cell:parity-transformer-cccccccccccc]/[seed:1]/[check:oodR1]");
    assertThat(below.path("status").asText()).isEqualTo("failed");
    assertThat(pairs(below.path("labels"))).containsEntry("feature", "parity");
    JsonNode diverged = result("[cell:aNbN-lstm-bbbbbbbbbbbb]/[seed:" + DIVERGED_SEED + "]");
    assertThat(diverged.path("status").asText()).isEqualTo("broken");
    assertThat(pairs(diverged.path("labels"))).as("a run without a result still gets its cell's labels")
        .containsEntry("story", "lstm");

    JsonNode cellCheck = result("[cell:aNbN-lstm-bbbbbbbbbbbb]/[check:meanOodR1]");
    assertThat(pairs(cellCheck.path("parameters"))).containsEntry("language", "aNbN").doesNotContainKey("seed");
    JsonNode aggregate = Json.mapper().readTree(results.resolve(attachment(cellCheck, AllureResultsEnricher.AGGREGATE)
        .path("source").asText()).toFile());
    assertThat(aggregate.path("paper").path("ood_r1").path("mean").asDouble()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(aggregate.path("seeds")).hasSize(2);
  }

  @Test
  void theLaunchFilesDescribeTheMachineTheBuildAndTheFailureCategories() throws Exception {
    Properties environment = new Properties();
    try (Reader in = Files.newBufferedReader(results.resolve("environment.properties"))) {
      environment.load(in);
    }
    assertThat(environment).containsEntry("Java", "Eclipse Adoptium 17").containsEntry("OS", "Linux amd64")
        .containsEntry("Cores", "2").containsEntry("Device", "cpu").containsEntry("TensorFlow", "TensorFlow Java 1.1.0")
        .containsEntry("RuleBench", "0.1.0-SNAPSHOT")
        .containsEntry("Git SHA", "0123456789abcdef0123456789abcdef01234567");

    JsonNode executor = Json.mapper().readTree(results.resolve("executor.json").toFile());
    assertThat(executor.path("buildOrder").asLong()).as("the second report is build 2").isEqualTo(2);

    JsonNode categories = Json.mapper().readTree(results.resolve("categories.json").toFile());
    assertThat(categories).extracting(node -> node.path("name").asText())
        .containsExactly("Below baseline", "Did not converge", "Crashed");
  }

  @Test
  void theHtmlReportSortsFailuresIntoCategoriesAndKeepsHistory() throws Exception {
    assertThat(first.allureReport()).isPresent();
    Path report = second.allureReport().orElseThrow();
    assertThat(report.resolve("index.html")).isRegularFile();
    assertThat(second.allureSingleFile().orElseThrow()).isRegularFile();

    JsonNode categories = Json.mapper().readTree(report.resolve("data/categories.json").toFile());
    Map<String, Integer> sizes = new HashMap<>();
    categories.path("children").forEach(c -> sizes.put(c.path("name").asText(), c.path("children").size()));
    assertThat(sizes).containsEntry("Below baseline", 1).containsEntry("Did not converge", 1)
        .doesNotContainKey("Crashed");
    JsonNode behaviors = Json.mapper().readTree(report.resolve("data/behaviors.json").toFile());
    assertThat(behaviors.toString()).contains("MainTableSuite").contains("aNbN").contains("transformer");

    JsonNode trend = Json.mapper().readTree(report.resolve("history/history-trend.json").toFile());
    assertThat(trend).as("one trend point per build").hasSize(2);
    assertThat(printed).contains("### MainTableSuite").contains("Allure report: ");
  }
}
