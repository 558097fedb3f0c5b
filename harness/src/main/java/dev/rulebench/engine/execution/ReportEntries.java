package dev.rulebench.engine.execution;

import static dev.rulebench.api.ReportEntryKeys.ALLURE_PARAMETER;
import static dev.rulebench.api.ReportEntryKeys.ALLURE_PARAMETER_VALUE;

import dev.rulebench.api.ReportEntryKeys;
import dev.rulebench.api.RunResult;
import dev.rulebench.engine.descriptor.CellDescriptor;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.eval.Metric;
import dev.rulebench.suite.CellDefinition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestDescriptor;

/** Publishes the report entries described in {@link ReportEntryKeys}. */
final class ReportEntries {

  /** The metrics published for every run: the papers' table columns. */
  static final List<Metric> MAIN_METRICS =
      List.of(Metric.TEST_LOSS, Metric.ID_R1, Metric.ID_R2, Metric.OOD_R1, Metric.OOD_R2_COMPLETION);

  private final Events events;

  ReportEntries(Events events) {
    this.events = events;
  }

  /** Who a run or its check is: published right after it starts. */
  void identify(TestDescriptor descriptor, RunDescriptor run) {
    Map<String, String> identity = cellIdentity(run.cell());
    identity.put(ReportEntryKeys.SEED, String.valueOf(run.seed()));
    events.entry(descriptor, identity);
    parameters(descriptor, run.cell(), "seed", String.valueOf(run.seed()));
  }

  /** Who a cell-level check is. */
  void identify(CheckDescriptor check, CellDescriptor cell) {
    Map<String, String> identity = cellIdentity(cell.definition());
    String seeds = cell.definition().seeds().stream().map(String::valueOf).collect(Collectors.joining(","));
    identity.put(ReportEntryKeys.SEEDS, seeds);
    events.entry(check, identity);
    parameters(check, cell.definition(), "seeds", seeds);
  }

  /** What a run produced. */
  void result(RunDescriptor run, RunResult result, String cache, Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(ReportEntryKeys.CONFIG_HASH, result.configHash());
    values.put(ReportEntryKeys.CACHE_KEY, result.cacheKey());
    values.put(ReportEntryKeys.CACHE, cache);
    values.put(ReportEntryKeys.RESULT, file.toAbsolutePath().toString());
    values.put(ReportEntryKeys.STEPS, String.valueOf(result.timings().steps()));
    values.put(ReportEntryKeys.STOP_REASON, result.stopReason());
    for (Metric metric : MAIN_METRICS) {
      result.paperMetrics().find(metric)
          .ifPresent(value -> values.put(ReportEntryKeys.METRIC_PREFIX + metric.key(), String.valueOf(value)));
    }
    events.entry(run, values);
    events.file(run, file.toAbsolutePath(), "application/json");
  }

  void cacheProblem(RunDescriptor run, String problem) {
    events.entry(run, Map.of(ReportEntryKeys.CACHE_PROBLEM, problem));
  }

  private static Map<String, String> cellIdentity(CellDefinition cell) {
    Map<String, String> identity = new LinkedHashMap<>();
    identity.put(ReportEntryKeys.SUITE, cell.suite());
    identity.put(ReportEntryKeys.CELL, cell.id().toString());
    identity.put(ReportEntryKeys.LANGUAGE, cell.language().name());
    identity.put(ReportEntryKeys.ARCHITECTURE, cell.architectureName());
    identity.put(ReportEntryKeys.SCALE, cell.scale().key());
    return identity;
  }

  /** One entry per Allure parameter, as allure-junit-platform reads them. */
  private void parameters(TestDescriptor descriptor, CellDefinition cell, String seedName, String seedValue) {
    parameter(descriptor, "language", cell.language().name());
    parameter(descriptor, "architecture", cell.architectureName());
    parameter(descriptor, seedName, seedValue);
    parameter(descriptor, "scale", cell.scale().key());
  }

  private void parameter(TestDescriptor descriptor, String name, String value) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put(ALLURE_PARAMETER, name);
    entry.put(ALLURE_PARAMETER_VALUE, value);
    events.entry(descriptor, entry);
  }
}
