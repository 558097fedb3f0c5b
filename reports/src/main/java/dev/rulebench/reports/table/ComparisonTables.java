package dev.rulebench.reports.table;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.reference.ReferenceModels;
import dev.rulebench.reports.reference.ReferenceTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the comparison tables: one per suite, in the main-table layout, or in the case-study
 * layout for a suite that trains with the ICML case study's extra supervision.
 */
public final class ComparisonTables {

  /** The language the ICML case study uses; its reference rows apply to no other language. */
  private static final String CASE_STUDY_LANGUAGE = "aNbN";

  private final ReferenceTable mainTable;
  private final ReferenceTable caseStudy;

  public ComparisonTables(ReferenceTable mainTable, ReferenceTable caseStudy) {
    this.mainTable = mainTable;
    this.caseStudy = caseStudy;
  }

  /** Tables beside the values shipped with RuleBench (the papers' CSV files). */
  public static ComparisonTables withPublishedValues() {
    return new ComparisonTables(ReferenceTable.mainTable(), ReferenceTable.caseStudy());
  }

  /** One table per suite, suites in name order. */
  public List<ComparisonTable> build(List<Cell> cells) {
    List<ComparisonTable> tables = new ArrayList<>();
    Cells.bySuite(cells).forEach((suite, suiteCells) -> tables.add(build(suite, suiteCells)));
    return tables;
  }

  /** The table of one suite's cells. */
  public ComparisonTable build(String suite, List<Cell> cells) {
    boolean caseStudyLayout = cells.stream().anyMatch(cell -> !cell.variant().equals("normal"));
    TableLayout layout = caseStudyLayout ? TableLayout.CASE_STUDY : TableLayout.MAIN_TABLE;
    ReferenceTable references = caseStudyLayout ? caseStudy : mainTable;
    List<TableRow> rows = new ArrayList<>();
    for (Cell cell : cells) {
      SeedAggregate aggregate = cell.aggregate(layout.aggregation());
      Optional<ReferenceTable.Row> reference = referenceRow(layout, references, cell);
      Map<Metric, TableCell> columns = new EnumMap<>(Metric.class);
      for (Metric metric : layout.metrics()) {
        Optional<Statistic> published = reference.flatMap(row -> row.find(metric));
        columns.put(metric, new TableCell(aggregate.find(metric), published));
      }
      rows.add(new TableRow(labels(layout, cell), cell.key(), cell.runs().size(), columns));
    }
    List<String> scales = cells.stream().map(Cell::scale).distinct().sorted().toList();
    return new ComparisonTable(suite, layout, scales, rows, references.paper());
  }

  private static Optional<ReferenceTable.Row> referenceRow(TableLayout layout, ReferenceTable references, Cell cell) {
    String language = cell.key().language();
    if (layout == TableLayout.CASE_STUDY) {
      return language.equals(CASE_STUDY_LANGUAGE) ? references.findOnly(cell.variant()) : Optional.empty();
    }
    return ReferenceModels.paperName(cell.key().architecture()).flatMap(model -> references.find(language, model));
  }

  private static List<String> labels(TableLayout layout, Cell cell) {
    String model = ReferenceModels.displayName(cell.key().architecture());
    return switch (layout) {
      case MAIN_TABLE -> List.of(cell.key().language(), model, cell.key().configHash());
      case CASE_STUDY -> List.of(cell.variant(), cell.key().language(), model, cell.key().configHash());
    };
  }
}
