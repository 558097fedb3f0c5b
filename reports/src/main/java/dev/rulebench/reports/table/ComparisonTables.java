package dev.rulebench.reports.table;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Optimum;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import dev.rulebench.grammar.Languages;
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
  private final Map<String, Optional<Double>> paperOptima = new java.util.concurrent.ConcurrentHashMap<>();

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
    TableLayout layout = TableLayout.of(cells);
    ReferenceTable references = layout == TableLayout.CASE_STUDY ? caseStudy : mainTable;
    List<TableRow> rows = new ArrayList<>();
    for (Cell cell : cells) {
      SeedAggregate aggregate = cell.aggregate(layout.aggregation());
      Optional<ReferenceTable.Row> reference = referenceRow(layout, references, cell);
      Map<Metric, TableCell> columns = new EnumMap<>(Metric.class);
      for (Metric metric : layout.metrics()) {
        Optional<Statistic> published = reference.flatMap(row -> row.find(metric));
        boolean notMeasured = aggregate.notMeasured().contains(metric);
        Optional<Statistic> finished = metric.finishedBy().flatMap(aggregate::find);
        Optional<Double> optimum = Optional.empty();
        Optional<Double> paperOptimum = Optional.empty();
        if (metric == Metric.TEST_LOSS) {
          optimum = optimum(cell);
          paperOptimum = published.flatMap(value -> paperOptimum(cell.key().language()));
        }
        columns.put(metric, new TableCell(aggregate.find(metric), published, notMeasured, finished, optimum,
            paperOptimum));
      }
      rows.add(new TableRow(labels(layout, cell), cell.key(), cell.runs().size(), columns));
    }
    List<String> scales = cells.stream().map(Cell::scale).distinct().sorted().toList();
    return new ComparisonTable(suite, layout, scales, rows, references.paper());
  }

  /**
   * The lowest test loss possible on the cell's data, which its runs share (their {@code
   * optimalTestLoss}); empty when a run does not know it. Both layouts' test loss is each run's
   * minimum over its validations (the main table minimises it, the case study reads every metric at
   * the validation where it is lowest), the loss a run's {@code excessTestLoss} is measured from, so
   * the table's mean minus this optimum is the mean of the runs' excess test losses.
   */
  private static Optional<Double> optimum(Cell cell) {
    List<Double> optima = cell.runs().stream().map(run -> run.optimalTestLoss()).toList();
    if (optima.contains(null)) {
      return Optional.empty();
    }
    double first = optima.get(0);
    boolean shared = optima.stream().allMatch(value -> Math.abs(value - first) <= 1e-12 * Math.max(1, Math.abs(first)));
    return shared && Double.isFinite(first) ? Optional.of(first) : Optional.empty();
  }

  /**
   * The lowest test loss possible on the papers' data (the language's {@code paperData()}: words of
   * up to 256 symbols in sequences of 258 positions, PAD targets in the loss, as the papers count), for
   * the paper's value's excess; empty for a language RuleBench does not know or whose optimum is not
   * known at that length.
   */
  private Optional<Double> paperOptimum(String language) {
    return paperOptima.computeIfAbsent(language, name -> {
      try {
        return Languages.load(ComparisonTables.class.getClassLoader()).find(name)
            .map(found -> Optimum.testLoss(found, found.paperData().maxLength(), found.paperData().sequenceLength(),
                true))
            .filter(Double::isFinite);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
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
