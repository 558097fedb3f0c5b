package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rulebench.config.Json;
import dev.rulebench.engine.examples.ANbNSuite;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The engine's report entries as allure-junit-platform 2.35.3 reads them: every run and check
 * becomes an Allure result carrying its own parameters, also when runs train on parallel lanes.
 */
class AllureReportTest {

  @TempDir
  Path folder;

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(strings = {"1", "2"})
  void everyRunAndCheckIsAnAllureResultWithItsParameters(String parallelism) throws IOException {
    Path results = folder.resolve("allure-results");
    RuleBenchKit kit = new RuleBenchKit(folder).with(Constants.PARALLELISM, parallelism);
    LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
            .addTestExecutionListeners(new AllureJunitPlatform(new AllureLifecycle(new FileSystemResultsWriter(results))))
            .build())
        .execute(request().selectors(selectClass(ANbNSuite.class))
            .filters(EngineFilter.includeEngines(RuleBenchTestEngine.ENGINE_ID))
            .enableImplicitConfigurationParameters(false)
            .configurationParameters(kit.parameters())
            .build());

    List<JsonNode> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        tests.add(Json.mapper().readTree(file.toFile()));
      }
    }
    // 4 runs, 4 per-seed checks, 2 cell checks
    assertThat(tests).hasSize(10).allSatisfy(test -> {
      assertThat(test.get("status").asText()).isEqualTo("passed");
      Map<String, String> parameters = parameters(test);
      String uniqueId = label(test, "junit.platform.uniqueid");
      assertThat(parameters).containsEntry("language", "aNbN").containsEntry("architecture", "ngram")
          .containsEntry("scale", "smoke");
      if (uniqueId.contains("[seed:")) {
        String seed = uniqueId.replaceAll(".*\\[seed:(\\d+)].*", "$1");
        assertThat(parameters).containsOnlyKeys("language", "architecture", "seed", "scale")
            .containsEntry("seed", seed);
      } else {
        assertThat(parameters).containsOnlyKeys("language", "architecture", "seeds", "scale")
            .containsEntry("seeds", "1,2");
      }
    });
  }

  private static Map<String, String> parameters(JsonNode test) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (JsonNode parameter : test.get("parameters")) {
      assertThat(parameters.put(parameter.get("name").asText(), parameter.get("value").asText()))
          .as("each parameter once").isNull();
    }
    return parameters;
  }

  private static String label(JsonNode test, String name) {
    for (JsonNode label : test.get("labels")) {
      if (label.get("name").asText().equals(name)) {
        return label.get("value").asText();
      }
    }
    throw new AssertionError("no label " + name + " in " + test);
  }
}
