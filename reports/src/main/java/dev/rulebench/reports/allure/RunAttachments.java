package dev.rulebench.reports.allure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rulebench.api.RunResult;
import dev.rulebench.api.RunResult.CompletionSample;
import dev.rulebench.config.Json;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.figure.ChartFiles;
import dev.rulebench.reports.figure.TrainingCurves;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an Allure result of a run or check carries, the same whether it is attached while the suite
 * runs ({@link AllureRunListener}) or afterwards ({@link AllureResultsEnricher}): names, labels and
 * the attachments' contents.
 */
public final class RunAttachments {

  /** The run's training curves (PNG). */
  public static final String CURVES = "training curves";
  /** The run's identity and metrics under every protocol (JSON). */
  public static final String METRICS = "metrics.json";
  /** The run's sampled completions, by prompt class (text). */
  public static final String COMPLETIONS = "completions per prompt class";
  /** A cell's mean, std and n per metric (JSON), for checks on a cell. */
  public static final String AGGREGATE = "cell aggregate.json";

  static final int CURVE_WIDTH = 900;
  static final int CURVE_HEIGHT = 540;

  private static final ObjectMapper MAPPER = Json.mapper();

  private RunAttachments() {}

  /** epic = suite (its simple name), feature = language, story = architecture. */
  public static Map<String, String> labels(String suite, String language, String architecture) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("epic", suite.substring(suite.lastIndexOf('.') + 1));
    labels.put("feature", language);
    labels.put("story", architecture);
    return labels;
  }

  /** The run's training curves as a PNG. */
  public static byte[] curvesPng(RunResult run) {
    return ChartFiles.png(TrainingCurves.create(run), CURVE_WIDTH, CURVE_HEIGHT);
  }

  /** The run's identity and its metrics under every protocol. */
  public static byte[] metricsJson(RunResult run) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("suite", run.suite()).put("language", run.language()).put("architecture", run.architecture())
        .put("seed", run.seed()).put("scale", run.scale()).put("configHash", run.configHash())
        .put("cacheKey", run.cacheKey()).put("stopReason", run.stopReason())
        .put("parameterCount", run.parameterCount());
    json.set("paperMetrics", MAPPER.valueToTree(run.paperMetrics()));
    json.set("bestMetrics", MAPPER.valueToTree(run.bestMetrics()));
    json.set("finalMetrics", MAPPER.valueToTree(run.finalMetrics()));
    json.set("timings", MAPPER.valueToTree(run.timings()));
    json.set("environment", MAPPER.valueToTree(run.environment()));
    return Json.write(json).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Mean, std and n per metric over the cell's runs, under the papers' protocol and at the best
   * checkpoint; a metric no run measured is {@code null}.
   */
  public static byte[] aggregateJson(Cell cell) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("suite", cell.key().suite()).put("cell", cell.key().id().toString()).put("scale", cell.scale());
    ArrayNode seeds = json.putArray("seeds");
    cell.runs().forEach(run -> seeds.add(run.seed()));
    for (HistoryAggregation aggregation : List.of(HistoryAggregation.PAPER, HistoryAggregation.BEST_CHECKPOINT)) {
      ObjectNode metrics = json.putObject(aggregation.name().toLowerCase(Locale.ROOT));
      SeedAggregate aggregate = cell.aggregate(aggregation);
      for (Map.Entry<Metric, Statistic> entry : aggregate.asMap().entrySet()) {
        metrics.putObject(entry.getKey().key()).put("mean", entry.getValue().mean())
            .put("std", entry.getValue().std()).put("n", entry.getValue().n());
      }
      // measured in no run (no completion of its prompts finished): null, as in the run files
      aggregate.notMeasured().forEach(metric -> metrics.putNull(metric.key()));
    }
    return Json.write(json).getBytes(StandardCharsets.UTF_8);
  }

  /** The run's sampled completions, grouped by prompt class (ID, OOD). */
  public static byte[] completions(RunResult run) {
    Map<String, StringBuilder> byKind = new LinkedHashMap<>();
    for (CompletionSample sample : run.samples()) {
      byKind.computeIfAbsent(sample.kind(), kind -> new StringBuilder())
          .append("  ").append(sample.prompt()).append("  →  ").append(sample.completion()).append('\n');
    }
    StringBuilder text = new StringBuilder("Completions of the last validation (prompt  →  completion)\n");
    if (byKind.isEmpty()) {
      text.append("\n(the run recorded no samples)\n");
    }
    byKind.forEach((kind, lines) -> text.append('\n').append(kind).append(" prompts\n").append(lines));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
