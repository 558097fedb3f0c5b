package dev.rulebench.reports.html;

import dev.rulebench.reports.figure.Figure;
import dev.rulebench.reports.table.ComparisonTable;
import dev.rulebench.reports.table.HtmlFormat;
import dev.rulebench.reports.claims.ClaimOutcome;
import dev.rulebench.reports.claims.Claims;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report's front page ({@code target/rulebench/index.html}): every suite's table beside the
 * papers' values, its figures, links to the other table formats, each run's training curves and
 * the Allure report. Links are relative, so the folder can be moved or archived as a whole.
 */
public final class ReportPage {

  private static final HtmlFormat HTML = new HtmlFormat();

  private ReportPage() {}

  /**
   * @param page where the page goes; links are made relative to its folder
   * @param summaries each suite's per-language and trajectory figures
   * @param curves each suite's run curves
   * @param tableFiles each suite's table files, by format extension
   * @param allureReport the self-contained Allure report, if one was made
   * @param notes problems and skipped steps to show at the top
   */
  public static String render(Path page, List<ComparisonTable> tables, Map<String, List<Figure>> summaries,
      Map<String, List<Figure>> curves, Map<String, Map<String, Path>> tableFiles, Optional<Path> allureReport,
      List<String> notes, List<Claims.Checked> claims) {
    Path base = page.toAbsolutePath().getParent();
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>RuleBench report</title>\n<style>\n").append(HtmlFormat.STYLE)
        .append("body { font-family: sans-serif; margin: 1.5em; color: #222; }\n")
        .append("figure { display: inline-block; margin: 0.5em 1em 0.5em 0; }\n")
        .append("figure img { width: 600px; border: 1px solid #ddd; }\n")
        .append(".notes { background: #fff4ce; padding: 0.5em 1em; }\n")
        .append("</style>\n</head>\n<body>\n");
    out.append("<h1>RuleBench report</h1>\n<p>Generated ")
        .append(HtmlFormat.escape(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))).append(". ");
    allureReport.ifPresent(report -> out.append("<a id=\"allure-link\" href=\"").append(link(base, report))
        .append("\">Open the Allure report</a>."));
    out.append("</p>\n");
    if (!notes.isEmpty()) {
      out.append("<ul class=\"notes\">\n");
      notes.forEach(note -> out.append("<li>").append(HtmlFormat.escape(note)).append("</li>\n"));
      out.append("</ul>\n");
    }
    if (tables.isEmpty()) {
      out.append("<p id=\"no-runs\">No run results yet: run a suite first.</p>\n");
    }
    for (ComparisonTable table : tables) {
      out.append("<section class=\"suite\" id=\"").append(HtmlFormat.escape(table.suite())).append("\">\n<h2>")
          .append(HtmlFormat.escape(table.suiteName())).append("</h2>\n");
      out.append(HTML.fragment(table));
      Map<String, Path> files = tableFiles.getOrDefault(table.suite(), Map.of());
      if (!files.isEmpty()) {
        out.append("<p>This table as ");
        files.forEach((extension, file) -> out.append("<a href=\"").append(link(base, file)).append("\">")
            .append(HtmlFormat.escape(extension)).append("</a> "));
        out.append("</p>\n");
      }
      for (Figure figure : summaries.getOrDefault(table.suite(), List.of())) {
        out.append("<figure><a href=\"").append(link(base, figure.svg())).append("\"><img src=\"")
            .append(link(base, figure.png())).append("\" alt=\"").append(HtmlFormat.escape(figure.title()))
            .append("\"></a><figcaption>").append(HtmlFormat.escape(figure.title())).append("</figcaption></figure>\n");
      }
      List<Figure> runCurves = curves.getOrDefault(table.suite(), List.of());
      if (!runCurves.isEmpty()) {
        out.append("<details><summary>Training curves of each run (").append(runCurves.size())
            .append(")</summary>\n<ul>\n");
        runCurves.forEach(figure -> out.append("<li><a href=\"").append(link(base, figure.png())).append("\">")
            .append(HtmlFormat.escape(figure.title())).append("</a> (<a href=\"").append(link(base, figure.svg()))
            .append("\">svg</a>)</li>\n"));
        out.append("</ul>\n</details>\n");
      }
      out.append("</section>\n");
    }
    if (!tables.isEmpty() && !claims.isEmpty()) {
      out.append("<section id=\"claims\">\n<h2>The papers' claims</h2>\n<p>")
          .append(HtmlFormat.escape(Claims.INTRODUCTION)).append("</p>\n<table class=\"claims\">\n")
          .append("<tr><th>claim</th><th>paper</th><th>these runs</th><th>papers' values</th></tr>\n");
      for (Claims.Checked one : claims) {
        out.append("<tr><td>").append(HtmlFormat.escape(one.claim().statement())).append("</td><td>")
            .append(HtmlFormat.escape(one.claim().paper())).append("</td>").append(outcome(one.runs()))
            .append(outcome(one.papers())).append("</tr>\n");
      }
      out.append("</table>\n</section>\n");
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private static String outcome(ClaimOutcome outcome) {
    return "<td class=\"" + outcome.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "\"><b>"
        + HtmlFormat.escape(outcome.verdict().text()) + "</b>: " + HtmlFormat.escape(outcome.evidence()) + "</td>";
  }

  private static String link(Path base, Path target) {
    String relative = base.relativize(target.toAbsolutePath()).toString().replace('\\', '/');
    return HtmlFormat.escape(relative.replace(" ", "%20"));
  }
}
