package dev.rulebench.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rulebench.config.Json;
import dev.rulebench.eval.Metric;
import dev.rulebench.reports.ReportGenerator;
import dev.rulebench.reports.ReportOptions;
import dev.rulebench.reports.ReportSummary;
import dev.rulebench.reports.allure.AllureRunListener;
import dev.rulebench.reports.allure.RunAttachments;
import dev.rulebench.reports.table.ComparisonTable;
import dev.rulebench.reports.table.TableRow;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The real {@code rulebench} engine runs a suite (with a model backend that needs no tensor
 * library) under allure-junit-platform and {@link AllureRunListener}, then {@link ReportGenerator}
 * reports it: every run and check is an Allure result with its labels, parameters and
 * attachments, and the table holds the suite's cell.
 */
class EngineToReportsTest {

  @TempDir
  static Path folder;

  private static TestExecutionSummary execution;
  private static ReportSummary report;
  private static Path results;

  @BeforeAll
  static void runTheSuiteAndReport() {
    Path output = folder.resolve("rulebench");
    results = output.resolve("allure-results");
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
    AllureLifecycle previous = Allure.getLifecycle();
    Allure.setLifecycle(lifecycle);
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    try {
      LauncherFactory.create(LauncherConfig.builder()
              .enableTestExecutionListenerAutoRegistration(false)
              .addTestExecutionListeners(new AllureJunitPlatform(lifecycle), new AllureRunListener(), summary)
              .build())
          .execute(LauncherDiscoveryRequestBuilder.request()
              .selectors(DiscoverySelectors.selectClass(CountingSuite.class))
              .configurationParameter("rulebench.output.dir", output.toString())
              .configurationParameter("rulebench.cache", "off")
              .build());
    } finally {
      Allure.setLifecycle(previous);
    }
    execution = summary.getSummary();
    report = ReportGenerator.generate(ReportOptions.defaults(output.resolve("runs"), output)
        .withAllureHistoryStore(folder.resolve("history"))
        .withConsole(new PrintStream(OutputStream.nullOutputStream())));
  }

  private static List<JsonNode> allureResults() throws Exception {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        all.add(Json.mapper().readTree(file.toFile()));
      }
    }
    return all;
  }

  private static Map<String, String> pairs(JsonNode array) {
    Map<String, String> pairs = new HashMap<>();
    array.forEach(node -> pairs.merge(node.path("name").asText(), node.path("value").asText(), (a, b) -> a + "|" + b));
    return pairs;
  }

  private static String uniqueId(JsonNode result) {
    return pairs(result.path("labels")).get("junit.platform.uniqueid");
  }

  private static List<String> attachments(JsonNode result) {
    List<String> names = new ArrayList<>();
    result.path("attachments").forEach(a -> names.add(a.path("name").asText()));
    return names;
  }

  @Test
  void theEngineRanTwoSeedsAndThreeChecks() {
    assertThat(execution.getTestsSucceededCount()).as("two runs and their checks").isEqualTo(4);
    assertThat(execution.getTestsFailedCount()).as("the cell's check").isEqualTo(1);
  }

  @Test
  void everyRunAndCheckIsAnAllureResultWithLabelsParametersAndAttachments() throws Exception {
    List<JsonNode> all = allureResults();
    assertThat(all).hasSize(5);
    for (JsonNode result : all) {
      Map<String, String> labels = pairs(result.path("labels"));
      assertThat(labels).as(uniqueId(result)).containsEntry("epic", "CountingSuite")
          .containsEntry("feature", "aNbN").containsEntry("story", "counting");
      Map<String, String> parameters = pairs(result.path("parameters"));
      assertThat(parameters).as("each parameter once, " + uniqueId(result))
          .containsEntry("language", "aNbN").containsEntry("architecture", "counting").containsEntry("scale", "smoke");
      String id = uniqueId(result);
      if (id.endsWith("]") && id.substring(id.lastIndexOf("/[") + 2).startsWith("seed:")) {
        assertThat(parameters.get("seed")).isIn("1", "2");
        assertThat(attachments(result)).containsExactlyInAnyOrder(RunAttachments.METRICS, RunAttachments.CURVES,
            RunAttachments.COMPLETIONS);
      } else if (id.contains("[seed:")) {
        assertThat(attachments(result)).containsExactly(RunAttachments.METRICS);
      } else {
        assertThat(parameters).containsEntry("seeds", "1,2");
        assertThat(attachments(result)).containsExactly(RunAttachments.AGGREGATE);
        assertThat(result.path("status").asText()).isEqualTo("failed");
      }
    }
  }

  @Test
  void theReportHoldsTheCellAndTheAllureHtml() throws Exception {
    assertThat(report.runs()).isEqualTo(2);
    ComparisonTable table = report.tables().get(0);
    assertThat(table.suite()).isEqualTo(CountingSuite.class.getName());
    TableRow row = table.rows().get(0);
    assertThat(row.labels().subList(0, 2)).containsExactly("aNbN", "counting");
    assertThat(row.runs()).isEqualTo(2);
    assertThat(row.cell(Metric.OOD_R2_COMPLETION).measured().orElseThrow().mean()).isEqualTo(1.0);
    assertThat(row.cell(Metric.OOD_R1).reference()).as("no published values for this model").isEmpty();

    Path html = report.allureReport().orElseThrow();
    JsonNode categories = Json.mapper().readTree(html.resolve("data/categories.json").toFile());
    assertThat(categories.toString()).contains("Below baseline").contains("extrapolatesEveryOodPrompt");
    assertThat(Files.readString(results.resolve("environment.properties"))).contains("TensorFlow=counting 1.0")
        .contains("Device=cpu");
  }

  @Test
  void theReportChecksThePapersClaimsOnTheRunsAndOnThePapersValues() throws Exception {
    // one aⁿbⁿ cell of a model the papers do not have: no claim can be decided on these runs
    assertThat(report.markdown()).contains("### The papers' claims").contains("| On aⁿbⁿ the Transformer extrapolates"
        + " R1 best (highest OOD R1) | NeurIPS 2024 | **not measured**: no transformer cell on aNbN | **holds**: ");
    assertThat(Files.readString(report.page())).contains("<section id=\"claims\">")
        .contains("<td class=\"not-measured\"><b>not measured</b>: no transformer cell on aNbN</td>");
    assertThat(report.tableFiles()).anySatisfy(file -> assertThat(file.getFileName().toString()).isEqualTo("claims.md"));
  }
}
