package dev.rulebench.reports.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.figure.Figures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Completes the Allure results that {@code allure-junit-platform} wrote for the {@code rulebench}
 * engine's runs and checks with what only the run results know:
 * <ul>
 *   <li>labels epic = suite, feature = language, story = architecture;
 *   <li>parameters language, architecture, seed and scale, where the engine did not publish them;
 *   <li>attachments: a run gets its training-curve PNG, its metrics JSON and a sample of its
 *       completions per prompt class; a check on a run gets the run's metrics JSON, a check on a
 *       cell the cell's aggregate JSON.
 * </ul>
 *
 * <p>Results are matched to runs through their JUnit Platform unique id (suite, cell and seed
 * segments), so it does not matter in which JVM or on which machine a run trained. Enriching is
 * idempotent: a label, parameter or attachment that is already there is not added again.
 */
public final class AllureResultsEnricher {

  static final String UNIQUE_ID_LABEL = "junit.platform.uniqueid";
  static final String CURVES = RunAttachments.CURVES;
  static final String METRICS = RunAttachments.METRICS;
  static final String COMPLETIONS = RunAttachments.COMPLETIONS;
  static final String AGGREGATE = RunAttachments.AGGREGATE;

  private static final ObjectMapper MAPPER = Json.mapper();

  private final Map<String, Cell> cellsById = new LinkedHashMap<>();

  /** @param cells the cells whose runs the results belong to */
  public AllureResultsEnricher(List<Cell> cells) {
    for (Cell cell : cells) {
      cellsById.put(cell.key().suite() + "/" + cell.key().id(), cell);
    }
  }

  /**
   * What was done.
   *
   * @param results result files of the folder
   * @param enriched results matched to a run or cell and completed
   */
  public record Outcome(int results, int enriched) {}

  /**
   * Completes every {@code *-result.json} of the folder.
   *
   * @param curvePngs the PNG of each run's training curves, by {@code Figures.runKey}
   */
  public Outcome enrich(Path resultsFolder, Map<String, Path> curvePngs) {
    List<Path> files = resultFiles(resultsFolder);
    int enriched = 0;
    for (Path file : files) {
      ObjectNode result = read(file);
      Optional<UniqueIdPath> id = uniqueId(result);
      Optional<Cell> cell = id.flatMap(this::cell);
      if (cell.isEmpty()) {
        continue;
      }
      Optional<Long> seed = id.get().seed();
      Optional<RunResult> run = seed.flatMap(value -> cell.get().runs().stream()
          .filter(r -> r.seed() == value).findFirst());
      labels(result, cell.get());
      parameters(result, cell.get(), seed);
      if (run.isPresent()) {
        attach(resultsFolder, result, METRICS, "application/json", "json", RunAttachments.metricsJson(run.get()));
        if (id.get().isRun()) {
          Path png = curvePngs.get(Figures.runKey(run.get()));
          if (png != null && Files.isRegularFile(png)) {
            attach(resultsFolder, result, CURVES, "image/png", "png", readBytes(png));
          }
          attach(resultsFolder, result, COMPLETIONS, "text/plain", "txt", RunAttachments.completions(run.get()));
        }
      } else if (seed.isEmpty()) {
        attach(resultsFolder, result, AGGREGATE, "application/json", "json", RunAttachments.aggregateJson(cell.get()));
      }
      // a run that crashed wrote no result: it keeps its labels and parameters, and nothing to attach
      Json.writeAtomically(file, result);
      enriched++;
    }
    return new Outcome(files.size(), enriched);
  }

  private Optional<Cell> cell(UniqueIdPath id) {
    Optional<String> suite = id.find("suite");
    Optional<String> cell = id.find("cell");
    if (suite.isEmpty() || cell.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(cellsById.get(suite.get() + "/" + cell.get()));
  }

  static List<Path> resultFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith("-result.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  static ObjectNode read(Path file) {
    try {
      JsonNode node = MAPPER.readTree(file.toFile());
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException(file + " is not an Allure result object");
      }
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Allure result " + file + ": " + e.getMessage(), e);
    }
  }

  static Optional<UniqueIdPath> uniqueId(ObjectNode result) {
    for (JsonNode label : array(result, "labels")) {
      if (UNIQUE_ID_LABEL.equals(label.path("name").asText())) {
        return Optional.of(UniqueIdPath.parse(label.path("value").asText()));
      }
    }
    return Optional.empty();
  }

  private static void labels(ObjectNode result, Cell cell) {
    ArrayNode labels = array(result, "labels");
    Map<String, String> ours = RunAttachments.labels(cell.key().suite(), cell.key().language(),
        cell.key().architecture());
    for (int i = labels.size() - 1; i >= 0; i--) {
      if (ours.containsKey(labels.get(i).path("name").asText())) {
        labels.remove(i);
      }
    }
    ours.forEach((name, value) -> labels.addObject().put("name", name).put("value", value));
  }

  private static void parameters(ObjectNode result, Cell cell, Optional<Long> seed) {
    ArrayNode parameters = array(result, "parameters");
    Map<String, String> ours = new LinkedHashMap<>();
    ours.put("language", cell.key().language());
    ours.put("architecture", cell.key().architecture());
    seed.ifPresent(value -> ours.put("seed", Long.toString(value)));
    ours.put("scale", cell.scale());
    for (JsonNode parameter : parameters) {
      ours.remove(parameter.path("name").asText());
    }
    ours.forEach((name, value) -> parameters.addObject().put("name", name).put("value", value));
  }

  private static void attach(Path folder, ObjectNode result, String name, String type, String extension,
      byte[] content) {
    ArrayNode attachments = array(result, "attachments");
    for (JsonNode attachment : attachments) {
      if (name.equals(attachment.path("name").asText())) {
        return;
      }
    }
    String source = UUID.randomUUID() + "-attachment." + extension;
    Json.writeAtomically(folder.resolve(source), content);
    attachments.addObject().put("name", name).put("source", source).put("type", type);
  }

  private static ArrayNode array(ObjectNode result, String field) {
    JsonNode node = result.get(field);
    if (node instanceof ArrayNode array) {
      return array;
    }
    return result.putArray(field);
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
