package dev.rulebench.reports.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rulebench.api.RunResult;
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
        Metric.ID_GRAMMATICAL, Metric.ID_FINISHED, Metric.OOD_FINISHED);
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

  /** baN × LSTM, two seeds: no OOD completion ever finished, so both OOD rule metrics are not measured. */
  private ComparisonTable unfinishedTable() {
    List<RunResult> runs = List.of(
        RunFixtures.run(RunFixtures.MAIN_SUITE, "baN", "lstm", "gggggggggggg", 1, "none",
            RunFixtures.oodUnfinished(0.5, 0.0, 0.0), RunFixtures.oodUnfinished(0.4, 0.0, 0.0)),
        RunFixtures.run(RunFixtures.MAIN_SUITE, "baN", "lstm", "gggggggggggg", 2, "none",
            RunFixtures.oodUnfinished(0.45, 0.0, 0.0)));
    return tables.build(Cells.of(runs)).get(0);
  }

  @Test
  void aMetricNoCompletionFinishedForIsNotMeasuredNotZeroAndNeverFlagged() {
    ComparisonTable table = unfinishedTable();
    TableRow row = table.rows().get(0);
    TableCell oodR1 = row.cell(Metric.OOD_R1);
    assertThat(oodR1.notMeasured()).isTrue();
    assertThat(oodR1.measured()).isEmpty();
    assertThat(oodR1.reference()).contains(new Statistic(0.862, 0.143, 11));
    assertThat(oodR1.outsideReference()).as("not measured is another outcome, not a value far from 0.862").isFalse();
    assertThat(oodR1.finished().orElseThrow().mean()).isZero();
    assertThat(row.cell(Metric.OOD_R2_COMPLETION).notMeasured()).isTrue();
    // the ID rule metrics were measured (as 0): a value, flagged against the paper
    assertThat(row.cell(Metric.ID_R1).notMeasured()).isFalse();
    assertThat(row.cell(Metric.ID_R1).outsideReference()).isTrue();
    assertThat(table.notMeasuredCount()).isEqualTo(2);
    assertThat(table.outsideCount()).isEqualTo(3);
  }

  @Test
  void everyFormatPrintsANotMeasuredCellAsADashWithItsFinishedFraction() {
    ComparisonTable table = unfinishedTable();

    String markdown = new MarkdownFormat().render(table);
    assertThat(markdown)
        .contains("| language | model | config | runs | test loss | ID R1 | ID R2 | OOD R1 | OOD R2 completion"
            + " | ID finished | OOD finished |")
        .contains("| – (0 % finished) · paper 0.862 ± 0.143 (n=11) | – (0 % finished) · paper 0.947 ± 0.107 (n=11)"
            + " | 1.000 ± 0.000 (n=2) | 0.000 ± 0.000 (n=2) |")
        .contains(ComparisonTable.NOT_MEASURED_LEGEND + " (2 such cells).")
        .doesNotContain("0.000 ± 0.000 (n=2) · paper 0.862");

    String html = new HtmlFormat().render(table);
    assertThat(html)
        .contains("<td class=\"metric not-measured\" data-metric=\"ood_r1\" title=\"OOD R1 (rule extrapolation) was not"
            + " measured: none of the OOD completions finished (emitted EOS)\"><span class=\"measured\">–</span>"
            + " <span class=\"finished\">(0 % finished)</span><br><span class=\"reference\">paper 0.862 ± 0.143"
            + " (n=11)</span></td>")
        .contains("<th data-metric=\"id_finished\">ID finished</th><th data-metric=\"ood_finished\">OOD finished</th>")
        .contains(HtmlFormat.escape(ComparisonTable.NOT_MEASURED_LEGEND));

    String latex = new LatexFormat().render(table);
    assertThat(latex)
        .contains(" & -- (0 \\% finished) & $0.862 \\pm 0.143$ (11) & -- (0 \\% finished) & $0.947 \\pm 0.107$ (11)")
        .contains("\\multicolumn{1}{c}{ID finished} & \\multicolumn{1}{c}{OOD finished} \\\\")
        .contains("& ours & paper & ours & ours \\\\")
        .contains(" & $1.000 \\pm 0.000$ (2) & $0.000 \\pm 0.000$ (2) \\\\")
        .contains("-- (0 \\% finished): not measured")
        .doesNotContain("–");

    List<String> csv = new CsvFormat().render(table).lines().toList();
    List<String> header = List.of(csv.get(0).split(","));
    List<String> fields = List.of(csv.get(1).split(",", -1));
    assertThat(fields.get(header.indexOf("ood_r1_mean"))).isEmpty();
    assertThat(fields.get(header.indexOf("ood_r1_n"))).isEmpty();
    assertThat(fields.get(header.indexOf("ood_r1_ref_mean"))).isEqualTo("0.862");
    assertThat(fields.get(header.indexOf("ood_r1_outside_ref"))).isEmpty();
    assertThat(fields.get(header.indexOf("ood_r1_finished"))).isEqualTo("0.0");
    assertThat(fields.get(header.indexOf("id_r1_finished"))).isEqualTo("1.0");
    assertThat(fields.get(header.indexOf("ood_finished_mean"))).isEqualTo("0.0");
    assertThat(header).doesNotContain("test_loss_finished", "id_finished_finished", "ood_finished_ref_mean");
  }

  @Test
  void aMetricSomeSeedsMeasuredIsShownOverThoseSeeds() {
    List<RunResult> runs = List.of(
        RunFixtures.run(RunFixtures.MAIN_SUITE, "baN", "lstm", "gggggggggggg", 1, "none",
            RunFixtures.oodUnfinished(0.5, 1.0, 1.0)),
        RunFixtures.run(RunFixtures.MAIN_SUITE, "baN", "lstm", "gggggggggggg", 2, "none",
            RunFixtures.point(0.45, 1.0, 1.0, 0.8, 1.0)));
    ComparisonTable table = tables.build(Cells.of(runs)).get(0);
    TableCell oodR1 = table.rows().get(0).cell(Metric.OOD_R1);
    assertThat(oodR1.notMeasured()).isFalse();
    assertThat(oodR1.measured()).contains(new Statistic(0.8, 0.0, 1));
    assertThat(oodR1.finished().orElseThrow().mean()).isEqualTo(0.5);
    assertThat(table.notMeasuredCount()).isZero();
    assertThat(new MarkdownFormat().render(table)).contains("| 0.800 ± 0.000 (n=1) · paper 0.862 ± 0.143 (n=11) |")
        .doesNotContain(ComparisonTable.NOT_MEASURED_LEGEND);
  }

  @Test
  void theTestLossShowsItsExcessOverTheOptimumBesideThePapersExcessAt256Symbols() {
    double optimum = 0.4;
    List<RunResult> runs = RunFixtures.mainSuite().stream()
        .map(run -> run.architecture().equals("transformer") && run.language().equals("aNbN")
            ? RunFixtures.withOptimum(run, optimum) : run)
        .toList();
    ComparisonTable table = tables.build(Cells.of(runs)).get(0);
    TableCell transformer = row(table, "aNbN", "Transformer").cell(Metric.TEST_LOSS);
    // minima 0.4, 0.45, 0.7 over the optimum 0.4: the mean of the runs' excessTestLoss over the optimum
    double meanExcess = runs.stream().filter(run -> run.optimalTestLoss() != null)
        .mapToDouble(RunResult::excessTestLoss).average().orElseThrow();
    assertThat(transformer.excess().orElseThrow()).isCloseTo(meanExcess / optimum, within(1e-12));
    assertThat(transformer.excess().orElseThrow()).isCloseTo((1.55 / 3 - 0.4) / 0.4, within(1e-12));
    // the paper's 0.022 over aⁿbⁿ's optimum at 256 symbols: ln 128 / 257
    double paperOptimum = Math.log(128) / 257;
    assertThat(transformer.referenceOptimum().orElseThrow()).isCloseTo(paperOptimum, within(1e-9));
    assertThat(transformer.referenceExcess().orElseThrow()).isCloseTo((0.022 - paperOptimum) / paperOptimum,
        within(1e-9));
    // the LSTM runs record no optimum: no excess of ours, the paper's still
    TableCell lstm = row(table, "aNbN", "LSTM").cell(Metric.TEST_LOSS);
    assertThat(lstm.excess()).isEmpty();
    assertThat(lstm.referenceExcess()).isPresent();
    // a language without published values: nothing extra
    assertThat(row(table, "parity").cell(Metric.TEST_LOSS).referenceExcess()).isEmpty();

    String markdown = new MarkdownFormat().render(table);
    assertThat(markdown).contains("| 0.517 ± 0.161 (n=3) (+29.2 %) ⚠ · paper 0.022 ± 0.002 (n=268) (+16.5 %) |")
        .contains("| 0.020 ± 0.000 (n=2) · paper 0.019 ± 0.000 (n=8) (+0.6 %) |")
        .contains(ComparisonTable.EXCESS_LEGEND);
    assertThat(new HtmlFormat().render(table)).contains("<span class=\"excess\">(+29.2 %)</span>")
        .contains("paper 0.022 ± 0.002 (n=268) <span class=\"excess\">(+16.5 %)</span></span>");
    assertThat(new LatexFormat().render(table)).contains("$0.517 \\pm 0.161$ (3) (+29.2 \\%)$^\\dagger$ & $0.022 \\pm"
        + " 0.002$ (268) (+16.5 \\%)").contains("excess $\\div$ optimum");
    List<String> csv = new CsvFormat().render(table).lines().toList();
    List<String> header = List.of(csv.get(0).split(","));
    List<String> transformerCsv = List.of(csv.get(2).split(",", -1));
    assertThat(transformerCsv.get(header.indexOf("model"))).isEqualTo("Transformer");
    assertThat(transformerCsv.get(header.indexOf("test_loss_optimum"))).isEqualTo("0.4");
    assertThat(transformerCsv.get(header.indexOf("test_loss_excess_pct"))).isEqualTo("29.2");
    assertThat(transformerCsv.get(header.indexOf("test_loss_ref_excess_pct"))).isEqualTo("16.5");
    assertThat(List.of(csv.get(1).split(",", -1)).get(header.indexOf("test_loss_optimum"))).isEmpty();
  }

  @Test
  void aTableWithoutPublishedValuesNeitherCreditsAPaperNorCountsFlaggedCells() {
    // a user's own language: the papers publish nothing for it
    List<ComparisonTable> built = tables.build(Cells.of(List.of(RunFixtures.run(RunFixtures.MAIN_SUITE, "doubledB",
        "lstm", "dddddddddddd", 1, "none", RunFixtures.point(0.3, 1.0, 1.0, 0.5, 1.0)))));
    ComparisonTable own = built.get(0);

    assertThat(own.hasReferences()).isFalse();
    assertThat(own.creditLine()).isEqualTo(ComparisonTable.NO_REFERENCES);
    assertThat(new MarkdownFormat().render(own)).doesNotContain(ComparisonTable.LEGEND)
        .doesNotContain(Paper.RULE_EXTRAPOLATION.creditLine()).contains(ComparisonTable.NO_REFERENCES);
    assertThat(new HtmlFormat().render(own)).doesNotContain("such cells").doesNotContain("NeurIPS");
    assertThat(mainTable().hasReferences()).isTrue();
  }
}
