package dev.rulebench.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rulebench.config.Json;
import dev.rulebench.reports.RunFixtures;
import dev.rulebench.reports.cell.Cells;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAttachmentsTest {

  @Test
  void aCellsAggregateWritesAMetricNoRunMeasuredAsNull() throws Exception {
    var cell = Cells.of(List.of(RunFixtures.run(RunFixtures.MAIN_SUITE, "baN", "lstm", "gggggggggggg", 1, "none",
        RunFixtures.oodUnfinished(0.4, 1.0, 1.0)))).get(0);
    JsonNode json = Json.mapper().readTree(new String(RunAttachments.aggregateJson(cell), StandardCharsets.UTF_8));
    for (String aggregation : List.of("paper", "best_checkpoint")) {
      assertThat(json.get(aggregation).has("ood_r1")).isTrue();
      assertThat(json.get(aggregation).get("ood_r1").isNull()).isTrue();
      assertThat(json.get(aggregation).get("ood_finished").get("mean").asDouble()).isZero();
      assertThat(json.get(aggregation).get("id_r1").get("mean").asDouble()).isEqualTo(1.0);
    }
    assertThat(new String(RunAttachments.metricsJson(cell.runs().get(0)), StandardCharsets.UTF_8))
        .contains("\"ood_r1\" : null");
  }
}
