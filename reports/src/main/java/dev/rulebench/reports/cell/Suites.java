package dev.rulebench.reports.cell;

/** Names derived from a suite's class name. */
public final class Suites {

  private Suites() {}

  /** The simple class name, safe as a file name: {@code dev.x.MainTableSuite} → {@code MainTableSuite}. */
  public static String fileStem(String suite) {
    int dot = suite.lastIndexOf('.');
    String simple = dot < 0 ? suite : suite.substring(dot + 1);
    return simple.replaceAll("[^A-Za-z0-9_.$-]", "_");
  }

  /** A run's file stem inside its suite's folder: {@code aNbN-transformer-1a2b3c4d5e6f-seed7}. */
  public static String runStem(CellKey cell, long seed) {
    return (cell.id() + "-seed" + seed).replaceAll("[^A-Za-z0-9_.$-]", "_");
  }
}
