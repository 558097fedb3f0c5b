package dev.rulebench.reports.allure;

import static dev.rulebench.api.ReportEntryKeys.ARCHITECTURE;
import static dev.rulebench.api.ReportEntryKeys.CELL;
import static dev.rulebench.api.ReportEntryKeys.LANGUAGE;
import static dev.rulebench.api.ReportEntryKeys.RESULT;
import static dev.rulebench.api.ReportEntryKeys.SEED;
import static dev.rulebench.api.ReportEntryKeys.SEEDS;
import static dev.rulebench.api.ReportEntryKeys.SUITE;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.CellKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Completes the Allure results of the {@code rulebench} engine's runs and checks while a suite
 * runs, where {@code allure-junit-platform} is on the class path: from the engine's report
 * entries it sets the labels epic = suite, feature = language, story = architecture, and attaches
 * the training-curve PNG, the metrics JSON and the completions per prompt class to each run, the
 * run's metrics to each of its checks, and the cell's aggregate to each check on a cell.
 *
 * <p>Registered for {@link java.util.ServiceLoader} as a {@link TestExecutionListener}; it does
 * nothing without Allure, and a failure to attach is reported on standard error without failing
 * the test. The engine publishes every entry on the thread of its run or check while that test
 * case is Allure's current one, which is what makes this work. The parameters (language,
 * architecture, seed, scale) the engine publishes itself as {@code allure.parameter} entries.
 * {@link AllureResultsEnricher} adds the same things afterwards to results that lack them. The keys
 * are the engine's, {@link dev.rulebench.api.ReportEntryKeys}.
 */
public final class AllureRunListener implements TestExecutionListener {

  private static final boolean ALLURE_PRESENT = present("io.qameta.allure.Allure");

  /** Runs seen so far, by suite/cell/seed, for their checks and their cells' checks. */
  private final Map<String, RunResult> runs = new ConcurrentHashMap<>();

  @Override
  public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
    if (!ALLURE_PRESENT) {
      return;
    }
    Map<String, String> values = entry.getKeyValuePairs();
    if (!values.containsKey(RESULT) && !values.containsKey(SUITE)) {
      return;
    }
    try {
      if (!AllureCurrentTest.exists()) {
        return;
      }
      UniqueIdPath id = UniqueIdPath.parse(test.getUniqueId());
      if (values.containsKey(SUITE) && values.containsKey(LANGUAGE) && values.containsKey(ARCHITECTURE)) {
        AllureCurrentTest.label(RunAttachments.labels(values.get(SUITE), values.get(LANGUAGE),
            values.get(ARCHITECTURE)));
        if (id.lastType().equals("check")) {
          attachToCheck(values);
        }
      }
      if (values.containsKey(RESULT)) {
        RunResult run = Json.read(Path.of(values.get(RESULT)), RunResult.class);
        id.find("suite").ifPresent(suite -> id.find("cell").ifPresent(cell ->
            runs.put(key(suite, cell, Long.toString(run.seed())), run)));
        AllureCurrentTest.attach(RunAttachments.METRICS, "application/json", "json", RunAttachments.metricsJson(run));
        AllureCurrentTest.attach(RunAttachments.CURVES, "image/png", "png", RunAttachments.curvesPng(run));
        AllureCurrentTest.attach(RunAttachments.COMPLETIONS, "text/plain", "txt", RunAttachments.completions(run));
      }
    } catch (RuntimeException | LinkageError e) {
      System.err.println("Allure attachments of " + test.getDisplayName() + " skipped: " + e);
    }
  }

  private void attachToCheck(Map<String, String> values) {
    String suite = values.get(SUITE);
    String cell = values.getOrDefault(CELL, "");
    if (values.containsKey(SEED)) {
      Optional.ofNullable(runs.get(key(suite, cell, values.get(SEED)))).ifPresent(run ->
          AllureCurrentTest.attach(RunAttachments.METRICS, "application/json", "json", RunAttachments.metricsJson(run)));
    } else if (values.containsKey(SEEDS)) {
      List<RunResult> members = new ArrayList<>();
      for (String seed : values.get(SEEDS).split(",")) {
        Optional.ofNullable(runs.get(key(suite, cell, seed.trim()))).ifPresent(members::add);
      }
      if (!members.isEmpty()) {
        AllureCurrentTest.attach(RunAttachments.AGGREGATE, "application/json", "json",
            RunAttachments.aggregateJson(new Cell(CellKey.of(members.get(0)), members)));
      }
    }
  }

  private static String key(String suite, String cell, String seed) {
    return suite + "/" + cell + "/" + seed;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, AllureRunListener.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
