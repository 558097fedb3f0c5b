package dev.rulebench.reports.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Statistic;
import dev.rulebench.reports.RunFixtures;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.reference.Paper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTablesTest {

  private final ComparisonTables tables = ComparisonTables.withPublishedValues();

  private ComparisonTable mainTable() {
    List<ComparisonTable> built = tables.build(Cells.of(RunFixtures.mainSuite()));
    assertThat(built).hasSize(1);
    return built.get(0);
  }

  private static TableRow row(ComparisonTable table, String... labels) {
    return table.rows().stream().filter(r -> r.labels().subList(0, labels.length).equals(List.of(labels)))
        .findFirst().orElseThrow();
  }

  @Test
  void mainTableAggregatesEachRunsBestValuesOverSeeds() {
    ComparisonTable table = mainTable();
    assertThat(table.layout()).isEqualTo(TableLayout.MAIN_TABLE);
    assertThat(table.rows()).extracting(TableRow::labels).containsExactly(
        List.of("aNbN", "LSTM", "bbbbbbbbbbbb"),
        List.of("aNbN", "Transformer", "aaaaaaaaaaaa"),
        List.of("parity", "Transformer", "cccccccccccc"));
    TableRow transformer = row(table, "aNbN", "Transformer");
    assertThat(transformer.runs()).isEqualTo(3);
    // maxima 0.7, 0.6, 0.65 and minima 0.4, 0.45, 0.7 over each run's history
    Statistic oodR1 = transformer.cell(Metric.OOD_R1).measured().orElseThrow();
    assertThat(oodR1.mean()).isCloseTo(0.65, within(1e-12));
    assertThat(oodR1.std()).isCloseTo(0.05, within(1e-12));
    assertThat(oodR1.n()).isEqualTo(3);
    assertThat(transformer.cell(Metric.TEST_LOSS).measured().orElseThrow().mean()).isCloseTo(1.55 / 3, within(1e-12));
    assertThat(transformer.cell(Metric.OOD_R1).reference()).contains(new Statistic(0.657, 0.162, 268));
  }

  @Test
  void markersFlagMeansOutsideTheReferenceBand() {
    ComparisonTable table = mainTable();
    TableRow transformer = row(table, "aNbN", "Transformer");
    assertThat(transformer.cell(Metric.TEST_LOSS).outsideReference()).as("0.517 vs 0.022 ± 2·0.002").isTrue();
    assertThat(transformer.cell(Metric.OOD_R1).outsideReference()).as("0.65 vs 0.657 ± 2·0.162").isFalse();
    assertThat(transformer.cell(Metric.ID_R1).outsideReference()).as("0.967 vs 1.000 ± 0.05 (std 0)").isFalse();
    TableRow lstm = row(table, "aNbN", "LSTM");
    assertThat(lstm.cell(Metric.ID_R1).outsideReference()).as("0.9 vs 1.000 ± 0.05 (std 0)").isTrue();
    assertThat(lstm.cell(Metric.TEST_LOSS).outsideReference()).as("0.02 vs 0.019 ± 0.05 (std 0)").isFalse();
    assertThat(lstm.cell(Metric.OOD_R1).outsideReference()).as("0.9 vs 0.376 ± 2·0.209").isTrue();
    TableRow own = row(table, "parity");
    assertThat(own.cells().values()).allSatisfy(cell -> {
      assertThat(cell.reference()).isEmpty();
      assertThat(cell.outsideReference()).isFalse();
    });
    assertThat(table.outsideCount()).isEqualTo(3);
  }

  @Test
  void caseStudyReadsTheBestCheckpointBesideTheIcmlValues() {
    List<ComparisonTable> built = tables.build(Cells.of(RunFixtures.caseStudySuite()));
    ComparisonTable table = built.get(0);
    assertThat(table.layout()).isEqualTo(TableLayout.CASE_STUDY);
    assertThat(table.paper()).isEqualTo(Paper.POSITION);
    assertThat(table.metrics()).containsExactly(Metric.TEST_LOSS, Metric.OOD_R1, Metric.OOD_R2_COMPLETION,
        Metric.ID_GRAMMATICAL);
    TableRow normal = row(table, "normal");
    // at the lowest-loss validation: 0.45 and 0.47, not the maxima 0.9 and 0.47
    assertThat(normal.cell(Metric.OOD_R1).measured().orElseThrow().mean()).isCloseTo(0.46, within(1e-12));
    assertThat(normal.cell(Metric.OOD_R1).reference()).contains(new Statistic(0.462, 0.076, 34));
    assertThat(normal.cell(Metric.OOD_R1).outsideReference()).isFalse();
    assertThat(row(table, "adversarial").cell(Metric.OOD_R1).outsideReference()).isFalse();
    assertThat(row(table, "oracle").cell(Metric.OOD_R1).outsideReference()).as("0.515 vs 0.830 ± 2·0.105").isTrue();
  }

  @Test
  void everyFormatShowsCellsReferencesMarkersAndCredits() {
    ComparisonTable table = mainTable();
    String markdown = new MarkdownFormat().render(table);
    assertThat(markdown)
        .contains("| language | model | config | runs | test loss | ID R1 | ID R2 | OOD R1 | OOD R2 completion |")
        .contains("0.650 ± 0.050 (n=3) · paper 0.657 ± 0.162 (n=268)")
        .contains("0.900 ± 0.071 (n=2) ⚠ · paper 0.376 ± 0.209 (n=8)")
        .contains(ComparisonTable.LEGEND)
        .contains(Paper.RULE_EXTRAPOLATION.creditLine());

    List<String> csv = new CsvFormat().render(table).lines().toList();
    assertThat(csv).hasSize(4);
    List<String> header = List.of(csv.get(0).split(","));
    List<String> lstm = List.of(csv.get(1).split(",", -1));
    assertThat(lstm.get(header.indexOf("model"))).isEqualTo("LSTM");
    assertThat(Double.parseDouble(lstm.get(header.indexOf("ood_r1_mean")))).isCloseTo(0.9, within(1e-12));
    assertThat(lstm.get(header.indexOf("ood_r1_ref_mean"))).isEqualTo("0.376");
    assertThat(lstm.get(header.indexOf("ood_r1_outside_ref"))).isEqualTo("true");
    assertThat(lstm.get(header.indexOf("ood_r2_completion_outside_ref"))).isEqualTo("false");
    assertThat(csv.get(1)).contains("arXiv:2409.13728");

    String latex = new LatexFormat().render(table);
    assertThat(latex).contains("\\toprule").contains("$0.900 \\pm 0.071$ (2)$^\\dagger$ & $0.376 \\pm 0.209$ (8)")
        .contains("\\multicolumn{2}{c}{OOD R1}").contains("arXiv:2409.13728");
    assertThat(new LatexFormat().render(tables.build(Cells.of(List.of(RunFixtures.run(RunFixtures.MAIN_SUITE,
        "cs_dyck", "lstm", "h", 1, "none", RunFixtures.point(1, 1, 1, 1, 1))))).get(0))).contains("cs\\_dyck");

    String html = new HtmlFormat().render(table);
    assertThat(html).contains("data-suite=\"" + RunFixtures.MAIN_SUITE + "\"")
        .contains("<tr data-cell=\"aNbN-lstm-bbbbbbbbbbbb\">")
        .contains("<td class=\"metric outside\" data-metric=\"ood_r1\" title=\"paper band [-0.042, 0.794]\">")
        .contains("<span class=\"marker\">⚠</span>")
        .contains("arXiv:2409.13728");
  }
}
