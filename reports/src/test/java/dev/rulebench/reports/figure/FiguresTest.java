package dev.rulebench.reports.figure;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.jfree.data.xy.XYSeries;
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

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
