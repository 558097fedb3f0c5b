package dev.rulebench.reports.table;

import java.util.List;

/** A way to write comparison tables down: Markdown, CSV, LaTeX or HTML. */
public interface TableFormat {

  /** The file extension without the dot, e.g. {@code md}. */
  String extension();

  /** One table as a standalone document of this format. */
  String render(ComparisonTable table);

  /** Several tables in one document; by default one after the other. */
  default String render(List<ComparisonTable> tables) {
    StringBuilder out = new StringBuilder();
    for (ComparisonTable table : tables) {
      out.append(render(table)).append('\n');
    }
    return out.toString();
  }

  /** Every format, in the order files are written. */
  static List<TableFormat> all() {
    return List.of(new MarkdownFormat(), new CsvFormat(), new LatexFormat(), new HtmlFormat());
  }
}
