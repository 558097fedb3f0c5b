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

  /**
   * File stems for a set of suites: the simple name where it is unique among them, the full class
   * name where two suites share a simple name, so no suite's files overwrite another's.
   */
  public static java.util.Map<String, String> fileStems(java.util.Collection<String> suites) {
    java.util.Map<String, Long> counts = suites.stream().distinct()
        .collect(java.util.stream.Collectors.groupingBy(Suites::fileStem, java.util.stream.Collectors.counting()));
    java.util.Map<String, String> stems = new java.util.TreeMap<>();
    for (String suite : suites) {
      stems.put(suite, counts.get(fileStem(suite)) > 1 ? suite.replaceAll("[^A-Za-z0-9_.$-]", "_") : fileStem(suite));
    }
    return stems;
  }

  /** A run's file stem inside its suite's folder: {@code aNbN-transformer-1a2b3c4d5e6f-seed7}. */
  public static String runStem(CellKey cell, long seed) {
    return (cell.id() + "-seed" + seed).replaceAll("[^A-Za-z0-9_.$-]", "_");
  }
}
