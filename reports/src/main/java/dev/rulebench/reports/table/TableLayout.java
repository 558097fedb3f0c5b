package dev.rulebench.reports.table;

import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import java.util.List;

/** The two table layouts of the papers: which columns, and how a run's history becomes one value. */
public enum TableLayout {

  /**
   * The NeurIPS main table (SPEC §1.5): per run, accuracies maximised and test loss minimised over
   * the validation history; rows are language × model. After the papers' columns, the fractions of
   * ID and OOD completions that finished, which the rule metrics are measured on.
   */
  MAIN_TABLE(HistoryAggregation.PAPER, List.of("language", "model", "config"),
      List.of(Metric.TEST_LOSS, Metric.ID_R1, Metric.ID_R2, Metric.OOD_R1, Metric.OOD_R2_COMPLETION,
          Metric.ID_FINISHED, Metric.OOD_FINISHED)),

  /**
   * The ICML aⁿbⁿ case study (SPEC §2.1): every metric read at the validation with the lowest test
   * loss; rows are the training variants normal, adversarial and oracle. After the paper's columns,
   * the finished fractions, as in the main table.
   */
  CASE_STUDY(HistoryAggregation.BEST_CHECKPOINT, List.of("variant", "language", "model", "config"),
      List.of(Metric.TEST_LOSS, Metric.OOD_R1, Metric.OOD_R2_COMPLETION, Metric.ID_GRAMMATICAL,
          Metric.ID_FINISHED, Metric.OOD_FINISHED));

  /**
   * The layout of one suite's cells: the case study's as soon as one cell trained with extra
   * supervision (an adversarial or oracle variant), the main table's otherwise.
   */
  public static TableLayout of(java.util.Collection<dev.rulebench.reports.cell.Cell> suiteCells) {
    return suiteCells.stream().anyMatch(cell -> !cell.variant().equals("normal")) ? CASE_STUDY : MAIN_TABLE;
  }

  private final HistoryAggregation aggregation;
  private final List<String> labelHeaders;
  private final List<Metric> metrics;

  TableLayout(HistoryAggregation aggregation, List<String> labelHeaders, List<Metric> metrics) {
    this.aggregation = aggregation;
    this.labelHeaders = labelHeaders;
    this.metrics = metrics;
  }

  public HistoryAggregation aggregation() {
    return aggregation;
  }

  public List<String> labelHeaders() {
    return labelHeaders;
  }

  public List<Metric> metrics() {
    return metrics;
  }

  /** Decimals of a metric's numbers: the case study's losses differ in the fourth decimal. */
  public int decimals(Metric metric) {
    return metric == Metric.TEST_LOSS && this == CASE_STUDY ? 4 : 3;
  }

  /**
   * Whether the papers publish the metric: not the finished fractions, which the tables show for
   * RuleBench's runs alone (the LaTeX and CSV tables give them no paper columns).
   */
  public static boolean published(Metric metric) {
    return metric != Metric.ID_FINISHED && metric != Metric.OOD_FINISHED;
  }

  /** The column header of a metric, as the papers write it. */
  public static String header(Metric metric) {
    return switch (metric) {
      case TEST_LOSS -> "test loss";
      case OOD_R1 -> "OOD R1";
      default -> metric.label();
    };
  }

  /** How the aggregation is described under the table. */
  public String protocol() {
    return switch (this) {
      case MAIN_TABLE -> "per run, each accuracy is its maximum and the test loss its minimum over the validations";
      case CASE_STUDY -> "per run, every metric is read at the validation with the lowest test loss";
    };
  }
}
