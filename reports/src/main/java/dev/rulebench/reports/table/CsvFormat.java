package dev.rulebench.reports.table;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Statistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Comma-separated values for further analysis: per metric the measured mean, std and n, the
 * reference mean, std and n, and whether the mean lies outside the reference band (the finished
 * fractions, which the papers do not publish, have no reference columns); per rule metric
 * also {@code <key>_finished}, the fraction of its prompts' completions that finished (a rule metric
 * not measured has empty mean, std and n and a {@code _finished} of 0); for the test loss its
 * optimum and excess over it in percent ({@code test_loss_optimum}, {@code test_loss_excess_pct}),
 * and the same for the paper's value at the papers' 256 symbols ({@code test_loss_ref_optimum},
 * {@code test_loss_ref_excess_pct}); the last column credits the paper the reference comes from.
 */
public final class CsvFormat implements TableFormat {

  @Override
  public String extension() {
    return "csv";
  }

  @Override
  public String render(ComparisonTable table) {
    StringBuilder out = new StringBuilder();
    header(out, table);
    rows(out, table);
    return out.toString();
  }

  /** All tables of one layout share a header; a header is repeated where the layout changes. */
  @Override
  public String render(List<ComparisonTable> tables) {
    StringBuilder out = new StringBuilder();
    TableLayout previous = null;
    for (ComparisonTable table : tables) {
      if (table.layout() != previous) {
        header(out, table);
        previous = table.layout();
      }
      rows(out, table);
    }
    return out.toString();
  }

  private static void header(StringBuilder out, ComparisonTable table) {
    List<String> header = new ArrayList<>(List.of("suite", "layout", "scale"));
    header.addAll(table.labelHeaders());
    header.add("runs");
    for (Metric metric : table.metrics()) {
      String key = metric.key();
      header.addAll(List.of(key + "_mean", key + "_std", key + "_n"));
      if (TableLayout.published(metric)) {
        header.addAll(List.of(key + "_ref_mean", key + "_ref_std", key + "_ref_n", key + "_outside_ref"));
      }
      if (metric.finishedBy().isPresent()) {
        header.add(key + "_finished");
      }
      if (metric == Metric.TEST_LOSS) {
        header.addAll(List.of(key + "_optimum", key + "_excess_pct", key + "_ref_optimum", key + "_ref_excess_pct"));
      }
    }
    header.add("reference");
    line(out, header);
  }

  private static void rows(StringBuilder out, ComparisonTable table) {
    for (TableRow row : table.rows()) {
      List<String> fields = new ArrayList<>(List.of(table.suite(), table.layout().name().toLowerCase(java.util.Locale.ROOT),
          String.join(" ", table.scales())));
      fields.addAll(row.labels());
      fields.add(Integer.toString(row.runs()));
      for (Metric metric : table.metrics()) {
        TableCell cell = row.cell(metric);
        statistic(fields, cell.measured());
        if (TableLayout.published(metric)) {
          statistic(fields, cell.reference());
          fields.add(cell.measured().isPresent() && cell.reference().isPresent()
              ? Boolean.toString(cell.outsideReference()) : "");
        }
        if (metric.finishedBy().isPresent()) {
          fields.add(cell.finished().map(f -> Double.toString(f.mean())).orElse(""));
        }
        if (metric == Metric.TEST_LOSS) {
          fields.add(cell.optimum().map(d -> Double.toString(d)).orElse(""));
          fields.add(cell.excess().map(CsvFormat::percent).orElse(""));
          fields.add(cell.referenceOptimum().map(d -> Double.toString(d)).orElse(""));
          fields.add(cell.referenceExcess().map(CsvFormat::percent).orElse(""));
        }
      }
      fields.add(table.paper().authors() + " (" + table.paper().venue() + ", arXiv:" + table.paper().arxiv() + ")");
      line(out, fields);
    }
  }

  private static void statistic(List<String> fields, Optional<Statistic> value) {
    fields.add(value.map(s -> Double.toString(s.mean())).orElse(""));
    fields.add(value.map(s -> Double.toString(s.std())).orElse(""));
    fields.add(value.map(s -> Integer.toString(s.n())).orElse(""));
  }

  /** An excess fraction as a percentage with one decimal, as the other formats print it. */
  private static String percent(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.1f", 100 * fraction);
  }

  private static void line(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(fields.get(i)));
    }
    out.append('\n');
  }

  private static String quote(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}
