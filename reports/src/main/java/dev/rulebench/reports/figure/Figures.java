package dev.rulebench.reports.figure;

import dev.rulebench.api.RunResult;
import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Languages;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.CellKey;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.cell.Suites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes every figure of a set of cells under one folder:
 * <ul>
 *   <li>{@code <suite>/<language>-ood.{png,svg}}: OOD R1 and OOD R2 completion per model with the
 *       chance levels, for suites in the main-table layout;
 *   <li>{@code <suite>/trajectory.{png,svg}}: the ICML trajectory plot, for suites whose cells are
 *       training variants (normal, adversarial, oracle);
 *   <li>{@code <suite>/runs/<cell>-seed<N>-curves.{png,svg}}: every run's training curves.
 * </ul>
 */
public final class Figures {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 540;

  private final ClassLoader languageLoader;

  /** @param languageLoader where to find languages (built-in and users'), for their chance levels */
  public Figures(ClassLoader languageLoader) {
    this.languageLoader = languageLoader;
  }

  /**
   * What was written.
   *
   * @param summaries the per-language and trajectory charts, by suite
   * @param curves each run's training curves, keyed by {@link #runKey(RunResult)}
   */
  public record Written(Map<String, List<Figure>> summaries, Map<String, Figure> curves) {
    /** The training curves of one suite's runs. */
    public List<Figure> curvesOf(String suite) {
      return curves.entrySet().stream().filter(entry -> entry.getKey().startsWith(suite + "/"))
          .map(Map.Entry::getValue).toList();
    }

    /** Each run's curve PNG, by run key. */
    public Map<String, Path> curvePngs() {
      Map<String, Path> pngs = new LinkedHashMap<>();
      curves.forEach((key, figure) -> pngs.put(key, figure.png()));
      return pngs;
    }

    public List<Figure> all() {
      List<Figure> all = new ArrayList<>();
      summaries.values().forEach(all::addAll);
      all.addAll(curves.values());
      return all;
    }
  }

  public Written write(List<Cell> cells, Path folder) {
    Map<String, List<Figure>> summaries = new LinkedHashMap<>();
    Map<String, Figure> curves = new LinkedHashMap<>();
    Map<String, List<Cell>> bySuite = Cells.bySuite(cells);
    Map<String, String> stems = Suites.fileStems(bySuite.keySet());
    bySuite.forEach((suite, suiteCells) -> {
      Path suiteFolder = folder.resolve(stems.get(suite));
      List<Figure> written = new ArrayList<>();
      Map<String, Cell> variants = variants(suiteCells);
      if (variants.keySet().stream().anyMatch(variant -> !variant.equals("normal"))) {
        written.add(ChartFiles.write(TrajectoryPlot.create(variants), suiteFolder, "trajectory", WIDTH, HEIGHT));
      } else {
        byLanguage(suiteCells).forEach((language, languageCells) -> written.add(ChartFiles.write(
            OodBarChart.create(language, languageCells, chanceLevels(language)), suiteFolder, language + "-ood",
            WIDTH, HEIGHT)));
      }
      summaries.put(suite, written);
      Set<Path> suiteCurves = new HashSet<>();
      for (Cell cell : suiteCells) {
        for (RunResult run : cell.runs()) {
          Figure curve = ChartFiles.write(TrainingCurves.create(run), suiteFolder.resolve("runs"),
              Suites.runStem(cell.key(), run.seed()) + "-curves", WIDTH, HEIGHT);
          curves.put(runKey(run), curve);
          suiteCurves.add(curve.png());
          suiteCurves.add(curve.svg());
        }
      }
      deleteStaleCurves(suiteFolder.resolve("runs"), suiteCurves);
    });
    return new Written(summaries, curves);
  }

  /**
   * Removes the training curves of runs no longer among the results (an earlier configuration's,
   * whose cell id changed): the folder is the report's own, and a stale curve would be read as
   * current.
   */
  private static void deleteStaleCurves(Path runsFolder, Set<Path> written) {
    if (!Files.isDirectory(runsFolder)) {
      return;
    }
    try (Stream<Path> files = Files.list(runsFolder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if ((name.endsWith("-curves.png") || name.endsWith("-curves.svg")) && !written.contains(file)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + runsFolder + ": " + e.getMessage(), e);
    }
  }

  /** Identifies a run among the written curves. */
  public static String runKey(RunResult run) {
    return CellKey.of(run).suite() + "/" + Suites.runStem(CellKey.of(run), run.seed());
  }

  private Optional<ChanceLevels> chanceLevels(String language) {
    return Languages.load(languageLoader).find(language).map(Language::chanceLevels);
  }

  private static Map<String, List<Cell>> byLanguage(List<Cell> cells) {
    Map<String, List<Cell>> byLanguage = new TreeMap<>();
    cells.forEach(cell -> byLanguage.computeIfAbsent(cell.key().language(), l -> new ArrayList<>()).add(cell));
    return byLanguage;
  }

  /** The cells keyed by training variant; the first cell of a variant wins if several share one. */
  private static Map<String, Cell> variants(List<Cell> cells) {
    Map<String, Cell> variants = new TreeMap<>(java.util.Comparator.comparingInt(Figures::variantOrder)
        .thenComparing(java.util.Comparator.naturalOrder()));
    cells.forEach(cell -> variants.putIfAbsent(cell.variant(), cell));
    return variants;
  }

  private static int variantOrder(String variant) {
    return switch (variant) {
      case "normal" -> 0;
      case "adversarial" -> 1;
      case "oracle" -> 2;
      default -> 3;
    };
  }
}
