package dev.rulebench.reports;

import dev.rulebench.reports.figure.Figure;
import dev.rulebench.reports.table.ComparisonTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ReportGenerator#generate} made.
 *
 * @param runs how many run results were read
 * @param tables one per suite
 * @param markdown all tables as Markdown (what was printed)
 * @param tableFiles every table file written
 * @param figures every figure written
 * @param page the front page ({@code index.html})
 * @param allureReport the Allure HTML report folder, if one was rendered
 * @param allureSingleFile the self-contained Allure {@code index.html}, if one was rendered
 * @param notes unreadable files and skipped steps, each with its reason
 */
public record ReportSummary(
    int runs,
    List<ComparisonTable> tables,
    String markdown,
    List<Path> tableFiles,
    List<Figure> figures,
    Path page,
    Optional<Path> allureReport,
    Optional<Path> allureSingleFile,
    List<String> notes) {

  public ReportSummary {
    tables = List.copyOf(tables);
    tableFiles = List.copyOf(tableFiles);
    figures = List.copyOf(figures);
    notes = List.copyOf(notes);
  }

  /** How many table cells lie outside the papers' reference bands. */
  public long outsideReference() {
    return tables.stream().mapToLong(ComparisonTable::outsideCount).sum();
  }
}
