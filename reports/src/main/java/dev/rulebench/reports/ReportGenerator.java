package dev.rulebench.reports;

import dev.rulebench.config.Json;
import dev.rulebench.reports.allure.AllureCommandline;
import dev.rulebench.reports.allure.AllureHistory;
import dev.rulebench.reports.allure.AllureLaunchFiles;
import dev.rulebench.reports.allure.AllureResultsEnricher;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.cell.RunResults;
import dev.rulebench.reports.cell.Suites;
import dev.rulebench.reports.figure.Figure;
import dev.rulebench.reports.figure.Figures;
import dev.rulebench.reports.html.ReportPage;
import dev.rulebench.reports.table.ComparisonTable;
import dev.rulebench.reports.table.ComparisonTables;
import dev.rulebench.reports.table.MarkdownFormat;
import dev.rulebench.reports.table.TableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.rulebench.reports.claims.ClaimData;
import dev.rulebench.reports.claims.Claims;
import dev.rulebench.reports.reference.ReferenceTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes every report from a folder of run results: what the Maven plugin's {@code report} goal and
 * the end of a build call. Writes, under the output folder:
 * <ul>
 *   <li>{@code tables/<Suite>.{md,csv,tex,html}} and {@code tables/all.{md,csv,tex}};
 *   <li>{@code figures/<Suite>/…} (PNG and SVG);
 *   <li>the Allure launch files into the results folder, and {@code allure-report/} (for a web
 *       server, with history) and {@code allure-report-single/index.html} (opens from disk);
 *   <li>{@code index.html}, the front page;
 * </ul>
 * and prints the Markdown tables.
 */
public final class ReportGenerator {

  private static final String REPORT_NAME = "RuleBench";

  private ReportGenerator() {}

  /**
   * {@code java -cp … dev.rulebench.reports.ReportGenerator [runs folder] [output folder]}: the
   * defaults are {@code target/rulebench/runs} and {@code target/rulebench}. Exit code 2 on bad
   * arguments.
   */
  public static void main(String[] args) {
    if (args.length > 2 || (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")))) {
      System.err.println("usage: ReportGenerator [runs folder (target/rulebench/runs)] [output folder (target/rulebench)]");
      System.exit(2);
    }
    Path runs = Path.of(args.length > 0 ? args[0] : "target/rulebench/runs");
    Path output = Path.of(args.length > 1 ? args[1] : "target/rulebench");
    generate(runs, output);
  }

  /** Reports with the {@link ReportOptions#defaults defaults}. */
  public static ReportSummary generate(Path runsFolder, Path outputFolder) {
    return generate(ReportOptions.defaults(runsFolder, outputFolder));
  }

  public static ReportSummary generate(ReportOptions options) {
    Path output = options.outputFolder();
    RunResults read = RunResults.read(options.runsFolder());
    List<String> notes = new ArrayList<>(read.problems());
    List<Cell> cells = Cells.of(read.runs());
    List<ComparisonTable> tables = ComparisonTables.withPublishedValues().build(cells);

    Map<String, Map<String, Path>> tableFilesBySuite = new LinkedHashMap<>();
    List<Path> tableFiles = new ArrayList<>();
    Path tablesFolder = output.resolve("tables");
    Map<String, String> stems = Suites.fileStems(tables.stream().map(ComparisonTable::suite).toList());
    for (ComparisonTable table : tables) {
      Map<String, Path> files = new LinkedHashMap<>();
      for (TableFormat format : TableFormat.all()) {
        Path file = tablesFolder.resolve(stems.get(table.suite()) + "." + format.extension());
        write(file, format.render(table));
        files.put(format.extension(), file);
        tableFiles.add(file);
      }
      tableFilesBySuite.put(table.suite(), files);
    }
    List<Claims.Checked> claims = cells.isEmpty() ? List.of() : Claims.published().check(ClaimData.of(cells),
        ClaimData.of(ReferenceTable.mainTable(), ReferenceTable.caseStudy()));
    String markdown = new MarkdownFormat().render(tables) + (claims.isEmpty() ? "" : "\n" + Claims.markdown(claims));
    if (!tables.isEmpty()) {
      for (TableFormat format : TableFormat.all()) {
        if (!format.extension().equals("html")) {
          Path file = tablesFolder.resolve("all." + format.extension());
          write(file, format.render(tables));
          tableFiles.add(file);
        }
      }
      Path claimsFile = tablesFolder.resolve("claims.md");
      write(claimsFile, Claims.markdown(claims));
      tableFiles.add(claimsFile);
    } else {
      notes.add("no run results in " + options.runsFolder() + ": run a suite first");
    }

    Figures.Written figures = new Figures(options.languageLoader()).write(cells, output.resolve("figures"));

    Optional<Path> allureReport = Optional.empty();
    Optional<Path> allureSingle = Optional.empty();
    Path results = options.allureResultsFolder();
    if (hasResults(results)) {
      new AllureResultsEnricher(cells).enrich(results, figures.curvePngs());
      AllureHistory history = new AllureHistory(options.allureHistoryStore());
      AllureLaunchFiles.writeEnvironment(results, read.runs());
      AllureLaunchFiles.writeExecutor(results, history.nextBuildOrder(), REPORT_NAME);
      AllureLaunchFiles.writeCategories(results);
      if (options.allureHtml()) {
        Optional<AllureCommandline> commandline = options.allureCommandline().map(AllureCommandline::at)
            .or(() -> AllureCommandline.locate(output.resolve("allure-commandline")));
        if (commandline.isPresent()) {
          history.restoreInto(results);
          allureReport = Optional.of(commandline.get().generate(results, output.resolve("allure-report"), REPORT_NAME,
              false));
          history.saveFrom(allureReport.get());
          allureSingle = Optional.of(commandline.get().generate(results, output.resolve("allure-report-single"),
              REPORT_NAME, true).resolve("index.html"));
        } else {
          notes.add("no Allure HTML report: the Allure commandline " + AllureCommandline.VERSION + " was not found; set "
              + AllureCommandline.HOME_PROPERTY + " or resolve io.qameta.allure:allure-commandline:"
              + AllureCommandline.VERSION + ":zip");
        }
      }
    } else {
      notes.add("no Allure results in " + results + ": put allure-junit-platform on the test class path to get them");
    }

    Map<String, List<Figure>> curvesBySuite = new LinkedHashMap<>();
    tables.forEach(table -> curvesBySuite.put(table.suite(), figures.curvesOf(table.suite())));
    Path page = output.resolve("index.html");
    write(page, ReportPage.render(page, tables, figures.summaries(), curvesBySuite, tableFilesBySuite, allureSingle,
        notes, claims));

    ReportSummary summary = new ReportSummary(read.runs().size(), tables, markdown, tableFiles, figures.all(), page,
        allureReport, allureSingle, notes);
    print(options, summary);
    return summary;
  }

  private static void print(ReportOptions options, ReportSummary summary) {
    var out = options.console();
    out.println();
    out.println(summary.markdown());
    summary.notes().forEach(note -> out.println("note: " + note));
    out.println("RuleBench reports: " + summary.page().toAbsolutePath());
    summary.allureSingleFile().ifPresent(file -> out.println("Allure report: " + file.toAbsolutePath()));
    out.flush();
  }

  private static boolean hasResults(Path folder) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith("-result.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text) {
    Json.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
