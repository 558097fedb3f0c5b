package dev.rulebench.reports.cell;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run result files of a folder (e.g. {@code target/rulebench/runs}), read leniently: a file
 * that is not a run result is skipped and named in {@link #problems()}, so one bad file never hides
 * the others.
 *
 * @param runs the results, one per run (a run found twice is kept once)
 * @param problems one line per file that could not be read, naming the file and the fix
 * @param files the file each run was read from, by {@link #identity(RunResult)}
 */
public record RunResults(List<RunResult> runs, List<String> problems, Map<String, Path> files) {

  public RunResults {
    runs = List.copyOf(runs);
    problems = List.copyOf(problems);
    files = Map.copyOf(files);
  }

  /** The files the cell's runs were read from, in seed order (for messages that point at them). */
  public List<Path> files(Cell cell) {
    return cell.runs().stream().map(this::file).flatMap(java.util.Optional::stream).toList();
  }

  /** The file a run was read from. */
  public java.util.Optional<Path> file(RunResult run) {
    return java.util.Optional.ofNullable(files.get(identity(run)));
  }

  /** Every {@code *.json} below the folder; an absent folder holds no runs. */
  public static RunResults read(Path folder) {
    if (!Files.isDirectory(folder)) {
      return new RunResults(List.of(), List.of(), Map.of());
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".json"))
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    Map<String, RunResult> byRun = new LinkedHashMap<>();
    Map<String, Path> sources = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        RunResult run = Json.read(file, RunResult.class);
        if (run.language() == null || run.architecture() == null || run.history() == null) {
          problems.add(file + " is not a RuleBench run result (no language, architecture or history): move it out of "
              + folder);
          continue;
        }
        byRun.putIfAbsent(identity(run), run);
        sources.putIfAbsent(identity(run), file);
      } catch (RuntimeException e) {
        problems.add(file + " could not be read (" + firstLine(e.getMessage()) + "): delete it and run its suite again");
      }
    }
    List<RunResult> runs = new ArrayList<>(byRun.values());
    runs.sort(Comparator.comparing(RunResult::suite, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(RunResult::language)
        .thenComparing(RunResult::architecture)
        .thenComparing(RunResult::configHash, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparingLong(RunResult::seed));
    return new RunResults(runs, problems, sources);
  }

  /** A run of one suite; the same cached run replayed for another suite counts for each. */
  private static String identity(RunResult run) {
    return run.suite() + "|" + (run.cacheKey() != null ? run.cacheKey()
        : run.language() + "|" + run.architecture() + "|" + run.configHash() + "|" + run.seed());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
