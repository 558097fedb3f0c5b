package dev.rulebench.reports.table;

import dev.rulebench.eval.Metric;

/**
 * HTML tables: {@link #fragment} is a {@code <table>} for pages that hold several; {@link #render}
 * wraps one in a standalone page. Cells carry {@code data-metric} and rows {@code data-cell}
 * attributes so tests and scripts can find them; a cell outside its reference band has the class
 * {@code outside} and shows {@link ComparisonTable#MARKER}; a not-measured cell has the class
 * {@code not-measured} and shows "– (0 % finished)".
 */
public final class HtmlFormat implements TableFormat {

  /** The style of the tables, for the page that embeds them. */
  public static final String STYLE = """
      table.rulebench { border-collapse: collapse; margin: 0.5em 0 0.5em 0; font-size: 13px; }
      table.rulebench th, table.rulebench td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; }
      table.rulebench th { background: #eef2f7; }
      table.rulebench td.metric { text-align: right; white-space: nowrap; }
      table.rulebench td.outside { background: #fde2e1; }
      table.rulebench .marker { color: #b3261e; font-weight: bold; }
      table.rulebench .reference { color: #555; font-size: 11px; }
      table.rulebench td.not-measured { color: #555; background: #f3f3f3; }
      table.rulebench .finished, table.rulebench .excess { color: #555; font-size: 11px; }
      table.rulebench caption { text-align: left; padding: 4px 0; }
      table.rulebench tfoot td { border: none; color: #555; font-size: 11px; }
      """;

  @Override
  public String extension() {
    return "html";
  }

  @Override
  public String render(ComparisonTable table) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + escape(table.suiteName()) + " — RuleBench</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
        + "<h2>" + escape(table.suiteName()) + "</h2>\n" + fragment(table) + "</body>\n</html>\n";
  }

  /** The {@code <table>} element alone. */
  public String fragment(ComparisonTable table) {
    StringBuilder out = new StringBuilder();
    out.append("<table class=\"rulebench\" data-suite=\"").append(escape(table.suite())).append("\" data-layout=\"")
        .append(table.layout().name().toLowerCase(java.util.Locale.ROOT)).append("\">\n");
    out.append("<caption>").append(escape(table.caption())).append("</caption>\n<thead><tr>");
    for (String label : table.labelHeaders()) {
      out.append("<th>").append(escape(label)).append("</th>");
    }
    out.append("<th>runs</th>");
    for (Metric metric : table.metrics()) {
      out.append("<th data-metric=\"").append(metric.key()).append("\">").append(escape(TableLayout.header(metric)))
          .append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (TableRow row : table.rows()) {
      out.append("<tr data-cell=\"").append(escape(row.cell().id().toString())).append("\">");
      for (int i = 0; i < row.labels().size(); i++) {
        String label = escape(row.labels().get(i));
        out.append("<td>").append(i == row.labels().size() - 1 ? "<code>" + label + "</code>" : label).append("</td>");
      }
      out.append("<td class=\"runs\">").append(row.runs()).append("</td>");
      for (Metric metric : table.metrics()) {
        cell(out, metric, row.cell(metric), table.layout().decimals(metric));
      }
      out.append("</tr>\n");
    }
    int width = table.labelHeaders().size() + 1 + table.metrics().size();
    out.append("</tbody>\n<tfoot><tr><td colspan=\"").append(width).append("\">")
        .append(String.join("<br>", table.footnotes().stream().map(note -> escape(note) + ".").toList())).append("<br>")
        .append(escape(table.creditLine())).append("</td></tr></tfoot>\n</table>\n");
    return out.toString();
  }

  private static void cell(StringBuilder out, Metric metric, TableCell cell, int decimals) {
    out.append("<td class=\"metric").append(cell.outsideReference() ? " outside" : "")
        .append(cell.notMeasured() ? " not-measured" : "").append("\" data-metric=\"").append(metric.key()).append('"');
    if (cell.notMeasured()) {
      out.append(" title=\"").append(escape(dev.rulebench.eval.Metrics.notMeasuredReason(metric))).append('"');
    } else {
      cell.reference().ifPresent(reference -> out.append(" title=\"paper band ")
          .append(ReferenceBand.describe(reference, decimals)).append('"'));
    }
    out.append("><span class=\"measured\">");
    if (cell.notMeasured()) {
      out.append(escape(CellText.NOT_MEASURED)).append("</span> <span class=\"finished\">(")
          .append(escape(CellText.finishedNote(cell))).append(")</span>");
    } else {
      out.append(escape(CellText.statistic(cell.measured(), decimals))).append("</span>");
      excess(out, cell.excess());
    }
    if (cell.outsideReference()) {
      out.append(" <span class=\"marker\">").append(ComparisonTable.MARKER).append("</span>");
    }
    cell.reference().ifPresent(reference -> {
      out.append("<br><span class=\"reference\">paper ").append(escape(reference.format(decimals)));
      excess(out, cell.referenceExcess());
      out.append("</span>");
    });
    out.append("</td>");
  }

  private static void excess(StringBuilder out, java.util.Optional<Double> excess) {
    excess.ifPresent(value -> out.append(" <span class=\"excess\">").append(escape(CellText.excess(excess)))
        .append("</span>"));
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
