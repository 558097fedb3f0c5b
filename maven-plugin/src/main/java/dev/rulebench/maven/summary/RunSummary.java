package dev.rulebench.maven.summary;

import dev.rulebench.config.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code rulebench:run} did, written to {@code <output>/summary.json}: the goals after it
 * ({@code verify}, {@code report}, {@code baseline}) read it instead of guessing from files.
 *
 * @param schema version of this file's layout
 * @param created when the run ended (ISO-8601)
 * @param seconds wall time of all forks
 * @param forks how many JVMs were started (more than one after a crash)
 * @param warnings discovery warnings, one line each
 * @param problems failures outside any suite (discovery errors, a launcher that could not start)
 * @param suites each suite's outcome, in execution order
 */
public record RunSummary(int schema, String created, double seconds, int forks, List<String> warnings,
    List<Problem> problems, List<SuiteSummary> suites) {

  public static final int SCHEMA = 1;
  public static final String FILE = "summary.json";

  public RunSummary {
    warnings = List.copyOf(warnings);
    problems = List.copyOf(problems);
    suites = List.copyOf(suites);
  }

  public static Path file(Path outputFolder) {
    return outputFolder.resolve(FILE);
  }

  public void write(Path file) {
    Json.writeAtomically(file, this);
  }

  public static RunSummary read(Path file) {
    return Json.read(file, RunSummary.class);
  }

  public static boolean exists(Path outputFolder) {
    return Files.isRegularFile(file(outputFolder));
  }

  /** Everything that fails a build under {@code rulebench:verify}: failed checks and runs, crashes, engine errors. */
  public List<Problem> failures() {
    List<Problem> failures = new ArrayList<>(problems);
    suites.forEach(suite -> suite.problems().stream().filter(p -> !p.kind().equals("aborted")).forEach(failures::add));
    return failures;
  }

  /** Runs that could not start: reported, never fatal. */
  public List<Problem> abortedRuns() {
    return suites.stream().flatMap(s -> s.problems().stream()).filter(p -> p.kind().equals("aborted")).toList();
  }

  /**
   * The aborted runs in one line per reason, e.g. {@code 15 runs did not run: no model architecture is
   * on the class path …}: a missing implementation aborts every run it would train, and one line says so.
   */
  public List<String> abortedRunLines() {
    java.util.Map<String, Long> byReason = new java.util.LinkedHashMap<>();
    abortedRuns().forEach(problem -> byReason.merge(problem.message(), 1L, Long::sum));
    List<String> lines = new ArrayList<>();
    byReason.forEach((reason, count) -> lines.add(count + (count == 1 ? " run" : " runs") + " did not run: " + reason));
    return lines;
  }

  /** The lines printed at the end of {@code rulebench:run}. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(java.util.Locale.ROOT, "RuleBench: %d suite%s in %d JVM%s, %.1f s", suites.size(),
        suites.size() == 1 ? "" : "s", forks, forks == 1 ? "" : "s", seconds));
    for (SuiteSummary suite : suites) {
      lines.add(String.format("  %-8s %s: %s", suite.status(), suite.suite(), suite.counts()));
      suite.problems().stream().filter(problem -> !problem.kind().equals("aborted"))
          .forEach(problem -> lines.add("           " + problem.describe()));
    }
    problems.forEach(problem -> lines.add("  " + problem.describe()));
    abortedRunLines().forEach(line -> lines.add("  " + line));
    return lines;
  }
}
