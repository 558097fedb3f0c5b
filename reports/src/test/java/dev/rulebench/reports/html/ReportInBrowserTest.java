package dev.rulebench.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.reports.ReportGenerator;
import dev.rulebench.reports.ReportOptions;
import dev.rulebench.reports.ReportSummary;
import dev.rulebench.reports.RunFixtures;
import dev.rulebench.reports.allure.FixtureEngine;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the generated reports in a real browser (headless Chromium): the front page with the
 * tables and figures, and the self-contained Allure report. Skipped, with the reason, only where
 * Chromium is not installed; {@code .ci/run} installs it.
 */
class ReportInBrowserTest {

  @TempDir
  static Path folder;

  private static Chromium chromium;
  private static ReportSummary summary;

  @BeforeAll
  static void generateReports() {
    Optional<Chromium> found = Chromium.find(folder.resolve("chromium"));
    // CI installs Chromium (.ci/run) and sets RULEBENCH_REQUIRE_CHROMIUM, so there a missing browser fails
    boolean required = System.getenv("RULEBENCH_REQUIRE_CHROMIUM") != null;
    if (required && found.isEmpty()) {
      throw new IllegalStateException("Chromium is required (RULEBENCH_REQUIRE_CHROMIUM) but not installed");
    }
    Assumptions.assumeTrue(found.isPresent(),
        "Chromium is not installed (apt-get install chromium), so the reports cannot be opened in a browser");
    chromium = found.get();
    List<RunResult> runs = new ArrayList<>(RunFixtures.mainSuite());
    runs.addAll(RunFixtures.caseStudySuite());
    Path runsFolder = folder.resolve("runs");
    for (int i = 0; i < runs.size(); i++) {
      Json.writeAtomically(runsFolder.resolve("run-" + i + ".json"), runs.get(i));
    }
    Path output = folder.resolve("rulebench");
    new FixtureEngine(runs, -1, null).launch(output.resolve("allure-results"));
    summary = ReportGenerator.generate(ReportOptions.defaults(runsFolder, output)
        .withAllureHistoryStore(folder.resolve("history"))
        .withConsole(new PrintStream(OutputStream.nullOutputStream())));
  }

  @Test
  void theFrontPageRendersEverySuiteWithItsCellsMarkersAndFigures() throws Exception {
    String dom = chromium.dumpDom(summary.page().toUri());
    assertThat(dom).contains("<h2>MainTableSuite</h2>").contains("<h2>CaseStudySuite</h2>")
        .contains("data-suite=\"" + RunFixtures.MAIN_SUITE + "\"")
        .contains("data-cell=\"aNbN-transformer-aaaaaaaaaaaa\"")
        .contains("data-cell=\"aNbN-lstm-bbbbbbbbbbbb\"")
        .contains("0.650 ± 0.050 (n=3)")
        .contains("paper 0.657 ± 0.162 (n=268)")
        .contains("<span class=\"marker\">⚠</span>")
        .contains("src=\"figures/MainTableSuite/aNbN-ood.png\"")
        .contains("src=\"figures/CaseStudySuite/trajectory.png\"")
        .contains("id=\"allure-link\"");
    assertThat(count(dom, "<td class=\"metric outside\"")).isEqualTo(summary.outsideReference()).isEqualTo(4);

    BufferedImage screenshot = ImageIO.read(chromium.screenshot(summary.page().toUri(),
        folder.resolve("front-page.png"), 1400, 1800).toFile());
    assertThat(screenshot).isNotNull();
    assertThat(screenshot.getWidth()).isEqualTo(1400);
    assertThat(distinctColours(screenshot)).as("a rendered page, not a blank one").isGreaterThan(50);
    assertThat(nonWhiteShare(screenshot)).as("share of pixels that are not white").isGreaterThan(0.05);
  }

  @Test
  void theAllureReportShowsSuiteLanguageAndArchitectureAsBehaviours() throws Exception {
    Path report = summary.allureSingleFile().orElseThrow();
    String dom = chromium.dumpDom(report.toUri().resolve("#behaviors"));
    List<String> nodes = new ArrayList<>();
    Matcher names = Pattern.compile("<div class=\"node__name\">\\s*([^<]*?)\\s*</div>").matcher(dom);
    while (names.find()) {
      nodes.add(names.group(1));
    }
    assertThat(nodes).contains("MainTableSuite", "CaseStudySuite", "aNbN", "parity", "transformer", "lstm");

    BufferedImage screenshot = ImageIO.read(chromium.screenshot(report.toUri().resolve("#behaviors"),
        folder.resolve("allure.png"), 1400, 900).toFile());
    assertThat(distinctColours(screenshot)).isGreaterThan(50);
  }

  private static long count(String text, String part) {
    return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  private static double nonWhiteShare(BufferedImage image) {
    long nonWhite = 0;
    long all = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        all++;
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          nonWhite++;
        }
      }
    }
    return (double) nonWhite / all;
  }
}
