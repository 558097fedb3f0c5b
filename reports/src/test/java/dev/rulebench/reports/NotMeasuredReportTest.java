package dev.rulebench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.api.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole report of runs whose OOD completions never finished: nothing throws, nothing prints 0.000 for them. */
class NotMeasuredReportTest {

  @TempDir
  Path folder;

  @Test
  void everyReportOfRunsThatNeverFinishedSaysNotMeasured() throws Exception {
    List<RunResult> runs = new ArrayList<>();
    for (long seed = 1; seed <= 2; seed++) {
      runs.add(RunFixtures.withOptimum(RunFixtures.run(RunFixtures.MAIN_SUITE, "baN", "lstm", "gggggggggggg", seed,
          "none", RunFixtures.oodUnfinished(0.5, 0.0, 0.0), RunFixtures.oodUnfinished(0.38, 0.0, 0.0)), 0.35));
    }
    runs.addAll(RunFixtures.caseStudySuite());
    runs.add(RunFixtures.run(RunFixtures.CASE_STUDY_SUITE, "aNbN", "transformer", "ffffffffffff", 3, "oracle",
        RunFixtures.oodUnfinished(0.5, 1, 1), RunFixtures.oodUnfinished(0.0199, 1, 1)));
    RunFixtures.write(folder.resolve("runs"), runs);
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    ReportSummary summary = ReportGenerator.generate(ReportOptions.defaults(folder.resolve("runs"), folder.resolve("out"))
        .withAllureHtml(false).withAllureHistoryStore(folder.resolve("history"))
        .withConsole(new PrintStream(console, true, StandardCharsets.UTF_8)));

    assertThat(summary.markdown())
        .contains("| baN | LSTM | `gggggggggggg` | 2 | 0.380 ± 0.000 (n=2) (+8.6 %) ⚠ · paper 0.276 ± 0.007 (n=11)"
            + " (+1.0 %) | 0.000 ± 0.000 (n=2) ⚠ · paper 0.926 ± 0.110 (n=11) | 0.000 ± 0.000 (n=2) ⚠ · paper"
            + " 1.000 ± 0.000 (n=11) | – (0 % finished) · paper 0.862 ± 0.143 (n=11) | – (0 % finished) · paper"
            + " 0.947 ± 0.107 (n=11) | 1.000 ± 0.000 (n=2) | 0.000 ± 0.000 (n=2) |");
    // the oracle's third seed finished nothing at its best checkpoint: OOD R1 over the two seeds that did
    assertThat(summary.markdown()).contains("| oracle | aNbN | Transformer | `ffffffffffff` | 3 | 0.0199 ± 0.0000"
        + " (n=3) · paper 0.0199 ± 0.0004 (n=44) (+5.4 %) | 0.515 ± 0.445 (n=2) ⚠ · paper 0.830 ± 0.105 (n=44) |")
        .contains("| 1.000 ± 0.000 (n=3) | 0.667 ± 0.577 (n=3) |");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("– (0 % finished)");
    assertThat(Files.readString(summary.page())).contains("class=\"metric not-measured\"");
    assertThat(Files.readString(folder.resolve("out/tables/all.tex"))).contains("-- (0 \\% finished)");
    assertThat(summary.figures()).isNotEmpty();
    assertThat(Files.readString(folder.resolve("out/figures/MainTableSuite/baN-ood.svg"))).contains("× not finished");
  }
}
