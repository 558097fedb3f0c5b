package dev.rulebench.reports.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rulebench.api.RunResult;
import dev.rulebench.reports.RunFixtures;
import dev.rulebench.reports.cell.Cells;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import dev.rulebench.reports.cell.Cell;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FiguresTest {

  @TempDir
  Path folder;

  @Test
  void writesEveryFigureAsAValidPngAndSvg() throws Exception {
    List<RunResult> runs = new ArrayList<>(RunFixtures.mainSuite());
    runs.addAll(RunFixtures.caseStudySuite());
    Figures.Written written = new Figures(getClass().getClassLoader()).write(Cells.of(runs), folder);

    Path main = folder.resolve("MainTableSuite");
    Path caseStudy = folder.resolve("CaseStudySuite");
    assertThat(written.summaries().get(RunFixtures.MAIN_SUITE)).extracting(Figure::png)
        .containsExactly(main.resolve("aNbN-ood.png"), main.resolve("parity-ood.png"));
    assertThat(written.summaries().get(RunFixtures.CASE_STUDY_SUITE)).extracting(Figure::png)
        .containsExactly(caseStudy.resolve("trajectory.png"));
    assertThat(written.curves()).hasSize(runs.size());
    assertThat(written.curvesOf(RunFixtures.MAIN_SUITE)).hasSize(RunFixtures.mainSuite().size());
    assertThat(written.curves().get(Figures.runKey(runs.get(0))).png())
        .isEqualTo(main.resolve("runs/aNbN-transformer-aaaaaaaaaaaa-seed1-curves.png"));

    for (Figure figure : written.all()) {
      BufferedImage image = ImageIO.read(figure.png().toFile());
      assertThat(image).as(figure.png().toString()).isNotNull();
      assertThat(image.getWidth()).isEqualTo(900);
      assertThat(image.getHeight()).isEqualTo(540);
      assertThat(distinctColours(image)).as("a drawn chart, not a blank canvas").isGreaterThan(20);

      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Document svg = factory.newDocumentBuilder().parse(figure.svg().toFile());
      assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
      assertThat(svg.getDocumentElement().getElementsByTagName("*").getLength()).isGreaterThan(20);
    }
  }

  @Test
  void theOodChartShowsBothSeriesAndTheChanceLevels() throws Exception {
    Figures.Written written = new Figures(getClass().getClassLoader())
        .write(Cells.of(RunFixtures.mainSuite()), folder);
    String svg = java.nio.file.Files.readString(folder.resolve("MainTableSuite/aNbN-ood.svg"));
    assertThat(svg).contains("OOD R1 (rule extrapolation)").contains("OOD R2 completion")
        .contains("chance OOD R1").contains("chance OOD R2 completion").contains("Transformer").contains("LSTM");
    // a user's language with no chance levels registered gets no chance lines
    assertThat(java.nio.file.Files.readString(folder.resolve("MainTableSuite/parity-ood.svg")))
        .doesNotContain("chance OOD R1");
    assertThat(written.all()).isNotEmpty();
  }

  @Test
  void theTrajectoryAveragesSeedsPerValidation() {
    List<RunResult> normal = RunFixtures.caseStudySuite().subList(0, 2);
    XYSeries series = TrajectoryPlot.meanTrajectory("normal", normal);
    // validations 1 and 2 have both seeds, validation 3 only the first
    assertThat(series.getItemCount()).isEqualTo(3);
    assertThat(series.getX(0).doubleValue()).isEqualTo(0.5);
    assertThat(series.getY(1).doubleValue()).isEqualTo(0.0214);
    assertThat(series.getX(2).doubleValue()).isEqualTo(0.2);
  }

  @Test
  void aNotMeasuredValueGetsNoBarButAMarkAndNothingThrows() throws Exception {
    // the aⁿbⁿ LSTM's OOD completions never finish: OOD R1 and OOD R2 completion are not measured
    List<RunResult> runs = new ArrayList<>(RunFixtures.mainSuite().stream()
        .filter(run -> !run.architecture().equals("lstm")).toList());
    for (long seed = 1; seed <= 2; seed++) {
      runs.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", seed, "none",
          RunFixtures.oodUnfinished(0.03, 0.9, 1.0), RunFixtures.oodUnfinished(0.02, 0.9, 1.0)));
    }
    List<Cell> aNbN = Cells.of(runs).stream().filter(cell -> cell.key().language().equals("aNbN")).toList();

    JFreeChart chart = OodBarChart.create("aNbN", aNbN, Optional.empty());

    StatisticalCategoryDataset data = (StatisticalCategoryDataset) chart.getCategoryPlot().getDataset();
    assertThat(data.getMeanValue("OOD R1 (rule extrapolation)", "LSTM")).as("no bar, not a 0").isNull();
    assertThat(data.getMeanValue("OOD R2 completion", "LSTM")).isNull();
    assertThat(data.getMeanValue("OOD R1 (rule extrapolation)", "Transformer").doubleValue()).isCloseTo(0.65,
        within(1e-12));
    assertThat(chart.getCategoryPlot().getAnnotations()).singleElement().satisfies(annotation -> {
      CategoryTextAnnotation mark = (CategoryTextAnnotation) annotation;
      assertThat(mark.getText()).isEqualTo("× not finished");
      assertThat(mark.getCategory()).isEqualTo("LSTM");
    });
    assertThat(ChartFiles.svg(chart, 900, 540)).contains("× not finished").contains("not measured");
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(ChartFiles.png(chart, 900, 540)))).isNotNull();

    // a chart where everything finished has no mark
    List<Cell> finished = Cells.of(RunFixtures.mainSuite()).stream()
        .filter(cell -> cell.key().language().equals("aNbN")).toList();
    assertThat(OodBarChart.create("aNbN", finished, Optional.empty()).getCategoryPlot().getAnnotations()).isEmpty();

    // every figure of such runs is written
    Figures.Written written = new Figures(getClass().getClassLoader()).write(Cells.of(runs), folder);
    assertThat(written.all()).allSatisfy(figure -> assertThat(ImageIO.read(figure.png().toFile())).isNotNull());
  }

  @Test
  void curvesAndTrajectoriesLeaveOutValidationsThatMeasuredNothingAndSaySo() {
    RunResult run = RunFixtures.run(RunFixtures.CASE_STUDY_SUITE, "aNbN", "transformer", "dddddddddddd", 1, "none",
        RunFixtures.oodUnfinished(0.5, 1, 1), RunFixtures.point(0.03, 1, 1, 0.4, 1));
    JFreeChart curves = TrainingCurves.create(run);
    assertThat(curves.getSubtitles()).anySatisfy(subtitle -> assertThat(subtitle).isInstanceOfSatisfying(
        TextTitle.class, title -> assertThat(title.getText()).isEqualTo("not measured (no completion finished), no"
            + " point drawn: OOD R1 (rule extrapolation) at 1 of 2, OOD R2 completion at 1 of 2 validations")));
    XYPlot accuracies = (XYPlot) ((CombinedDomainXYPlot) curves.getPlot()).getSubplots().get(1);
    XYSeries oodR1 = ((XYSeriesCollection) accuracies.getDataset()).getSeries("OOD R1 (rule extrapolation)");
    assertThat(oodR1.getItemCount()).isEqualTo(1);
    assertThat(oodR1.getY(0).doubleValue()).isEqualTo(0.4);

    RunResult other = RunFixtures.run(RunFixtures.CASE_STUDY_SUITE, "aNbN", "transformer", "dddddddddddd", 2, "none",
        RunFixtures.oodUnfinished(0.6, 1, 1), RunFixtures.oodUnfinished(0.04, 1, 1));
    XYSeries trajectory = TrajectoryPlot.meanTrajectory("normal", List.of(run, other));
    // the first validation measured nothing; the second only in seed 1
    assertThat(trajectory.getItemCount()).isEqualTo(1);
    assertThat(trajectory.getX(0).doubleValue()).isEqualTo(0.4);
    assertThat(trajectory.getY(0).doubleValue()).isEqualTo(0.03);
    assertThat(TrajectoryPlot.notMeasuredValidations(List.of(run, other))).isEqualTo(1);
    assertThat(ChartFiles.svg(TrajectoryPlot.create(java.util.Map.of("normal", Cells.of(List.of(run, other)).get(0))),
        900, 540)).contains("1 validation left out");
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  @Test
  void theCurvesOfAnEarlierConfigurationAreRemovedOthersKept() throws Exception {
    Figures figures = new Figures(getClass().getClassLoader());
    List<RunResult> before = List.of(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "aaaaaaaaaaaa", 1, "none",
        RunFixtures.point(0.3, 1.0, 1.0, 0.5, 1.0)));
    List<RunResult> after = List.of(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", 1, "none",
        RunFixtures.point(0.3, 1.0, 1.0, 0.5, 1.0)));
    Figure old = figures.write(Cells.of(before), folder).curves().values().iterator().next();
    java.nio.file.Path notes = old.png().resolveSibling("my-notes.txt");
    java.nio.file.Files.writeString(notes, "not a figure");

    Figure current = figures.write(Cells.of(after), folder).curves().values().iterator().next();

    assertThat(current.png()).exists();
    assertThat(current.svg()).exists();
    assertThat(old.png()).as("an earlier configuration's curve").doesNotExist();
    assertThat(old.svg()).doesNotExist();
    assertThat(notes).as("not the report's").exists();
  }
}
