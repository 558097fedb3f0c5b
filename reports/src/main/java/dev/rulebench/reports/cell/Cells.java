package dev.rulebench.reports.cell;

import dev.rulebench.api.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Groups runs into cells and cells into suites. */
public final class Cells {

  private Cells() {}

  /** The cells the runs form, ordered by suite, language, architecture and configuration. */
  public static List<Cell> of(List<RunResult> runs) {
    Map<CellKey, List<RunResult>> grouped = new TreeMap<>();
    for (RunResult run : runs) {
      grouped.computeIfAbsent(CellKey.of(run), key -> new ArrayList<>()).add(run);
    }
    List<Cell> cells = new ArrayList<>();
    grouped.forEach((key, members) -> cells.add(new Cell(key, members)));
    return cells;
  }

  /** The cells of each suite, suites in name order. */
  public static Map<String, List<Cell>> bySuite(List<Cell> cells) {
    Map<String, List<Cell>> suites = new TreeMap<>();
    for (Cell cell : cells) {
      suites.computeIfAbsent(cell.key().suite(), suite -> new ArrayList<>()).add(cell);
    }
    return suites;
  }
}
