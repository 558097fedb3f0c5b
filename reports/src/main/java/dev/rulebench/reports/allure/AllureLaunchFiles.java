package dev.rulebench.reports.allure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rulebench.api.RunResult.Environment;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.result.RunEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files Allure reads beside the results, describing the whole launch:
 * {@code environment.properties}, {@code executor.json} and {@code categories.json}.
 */
public final class AllureLaunchFiles {

  /** In the message of a run whose loss diverged (the harness's TrainingDivergedException). */
  static final String DIVERGED = dev.rulebench.train.TrainingDivergedException.MARKER;

  private AllureLaunchFiles() {}

  /**
   * {@code environment.properties}: Java, OS, cores, device, TensorFlow (the backend), RuleBench
   * version and git SHA, as the runs recorded them (values that differ between runs are listed
   * together); without runs, this JVM's.
   */
  public static void writeEnvironment(Path resultsFolder, List<RunResult> runs) {
    Map<String, String> values = new LinkedHashMap<>();
    if (runs.isEmpty()) {
      values.put("Java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
      values.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      values.put("Cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
      values.put("RuleBench", RunEnvironment.rulebenchVersion());
      values.put("Git SHA", RunEnvironment.gitSha());
    } else {
      values.put("Java", distinct(runs, Environment::java));
      values.put("OS", distinct(runs, Environment::os));
      values.put("Cores", distinct(runs, environment -> Integer.toString(environment.cores())));
      values.put("Device", distinct(runs, Environment::device));
      values.put("TensorFlow", distinct(runs, Environment::backend));
      values.put("RuleBench", distinct(runs, Environment::rulebenchVersion));
      values.put("Git SHA", distinct(runs, Environment::gitSha));
    }
    StringBuilder text = new StringBuilder();
    values.forEach((key, value) -> text.append(escape(key, true)).append('=').append(escape(value, false))
        .append('\n'));
    // escape() leaves only ASCII, which every Properties reader decodes alike
    Json.writeAtomically(resultsFolder.resolve("environment.properties"),
        text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static String distinct(List<RunResult> runs, Function<Environment, String> value) {
    return runs.stream().map(RunResult::environment).filter(java.util.Objects::nonNull).map(value)
        .filter(java.util.Objects::nonNull).distinct().sorted().collect(Collectors.joining(", "));
  }

  /** Escapes a key or value as {@link java.util.Properties#load} reads it, non-Latin-1 as {@code \\uXXXX}. */
  static String escape(String text, boolean key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '=', ':', '#', '!' -> out.append('\\').append(c);
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * {@code executor.json}: who made the launch and its build number, which orders the history
   * trend.
   */
  public static void writeExecutor(Path resultsFolder, long buildOrder, String reportName) {
    ObjectNode executor = Json.mapper().createObjectNode();
    executor.put("name", "RuleBench " + RunEnvironment.rulebenchVersion())
        .put("type", "rulebench")
        .put("buildOrder", buildOrder)
        .put("buildName", reportName + " #" + buildOrder)
        .put("reportName", reportName);
    Json.writeAtomically(resultsFolder.resolve("executor.json"), executor);
  }

  /**
   * {@code categories.json}: failures sorted into "Below baseline" (a check's assertion failed),
   * "Did not converge" (a loss became NaN, infinite or exploded) and "Crashed" (any other error).
   */
  public static void writeCategories(Path resultsFolder) {
    ArrayNode categories = Json.mapper().createArrayNode();
    String notDiverged = "(?!.*" + DIVERGED + ").*";
    category(categories, "Below baseline",
        "A check's assertion did not hold: a metric is below what the check or the baseline demands.",
        List.of("failed"), notDiverged);
    category(categories, "Did not converge",
        "Training diverged: a loss became NaN, infinite or exploded past 10 · ln |V|. Lower the learning rate or check the data.",
        List.of("failed", "broken"), ".*" + DIVERGED + ".*");
    category(categories, "Crashed",
        "The run or check threw an error other than a failed assertion (no model backend, a native crash, ...).",
        List.of("broken"), notDiverged);
    Json.writeAtomically(resultsFolder.resolve("categories.json"), categories);
  }

  private static void category(ArrayNode categories, String name, String description, List<String> statuses,
      String messageRegex) {
    ObjectNode category = categories.addObject();
    category.put("name", name).put("description", description);
    ArrayNode matched = category.putArray("matchedStatuses");
    statuses.forEach(matched::add);
    category.put("messageRegex", messageRegex);
  }
}
