package dev.rulebench.reports.table;

import dev.rulebench.eval.Metric;
import java.util.ArrayList;
import java.util.List;

/** GitHub-flavoured Markdown: the table printed at the end of a build and shown in the README. */
public final class MarkdownFormat implements TableFormat {

  @Override
  public String extension() {
    return "md";
  }

  @Override
  public String render(ComparisonTable table) {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(table.suiteName()).append("\n\n");
    out.append(table.caption()).append(".\n\n");
    List<String> header = new ArrayList<>(table.labelHeaders());
    header.add("runs");
    table.metrics().forEach(metric -> header.add(TableLayout.header(metric)));
    line(out, header);
    List<String> rule = new ArrayList<>();
    header.forEach(column -> rule.add("---"));
    line(out, rule);
    for (TableRow row : table.rows()) {
      List<String> columns = new ArrayList<>(row.labels());
      columns.set(columns.size() - 1, "`" + columns.get(columns.size() - 1) + "`");
      columns.add(Integer.toString(row.runs()));
      for (Metric metric : table.metrics()) {
        columns.add(CellText.inline(row.cell(metric), table.layout().decimals(metric)));
      }
      line(out, columns);
    }
    out.append('\n');
    table.footnotes().forEach(note -> out.append(note).append(".  \n"));
    out.append(table.creditLine()).append('\n');
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> columns) {
    out.append('|');
    for (String column : columns) {
      out.append(' ').append(column.replace("|", "\\|")).append(" |");
    }
    out.append('\n');
  }
}
