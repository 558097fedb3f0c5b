package dev.rulebench.reports.reference;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Statistic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Published values read from one of the papers' CSV files: per row (a language or a training
 * variant, and a model) the mean ± std over the authors' runs of each metric.
 *
 * <p>Columns named {@code <metric key>_mean} and {@code <metric key>_std} become a {@link Statistic}
 * with {@code n_runs} as its count; a metric with a mean but no std column has std 0.
 */
public final class ReferenceTable {

  private static final String RESOURCE_FOLDER = "/dev/rulebench/reports/reference/";

  private final Paper paper;
  private final Map<String, Row> rows;

  private ReferenceTable(Paper paper, Map<String, Row> rows) {
    this.paper = paper;
    this.rows = Collections.unmodifiableMap(rows);
  }

  /**
   * One row of a reference table.
   *
   * @param group the first column: language (main table) or training variant (case study)
   * @param model the paper's model name, e.g. {@code Transformer}
   * @param runs how many of the authors' runs the row aggregates
   * @param values the row's metrics
   */
  public record Row(String group, String model, int runs, Map<Metric, Statistic> values) {
    public Row {
      values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public Optional<Statistic> find(Metric metric) {
      return Optional.ofNullable(values.get(metric));
    }
  }

  /** The NeurIPS main table: rows keyed by language code name and model. */
  public static ReferenceTable mainTable() {
    return load(Paper.RULE_EXTRAPOLATION, "main-table.csv");
  }

  /** The ICML aⁿbⁿ case study: rows keyed by variant (normal, adversarial, oracle) and model. */
  public static ReferenceTable caseStudy() {
    return load(Paper.POSITION, "position-paper-anbn.csv");
  }

  private static ReferenceTable load(Paper paper, String file) {
    try (InputStream in = ReferenceTable.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE_FOLDER + file + " is missing from the reports jar: rebuild it");
      }
      return parse(paper, file, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses the papers' CSV layout (no quoted fields); {@code source} names the file in errors. */
  static ReferenceTable parse(Paper paper, String source, List<String> lines) {
    List<String> content = lines.stream().filter(line -> !line.isBlank()).toList();
    if (content.isEmpty()) {
      throw new IllegalArgumentException(source + " is empty");
    }
    List<String> header = Arrays.asList(content.get(0).split(",", -1));
    int runsColumn = requireColumn(header, "n_runs", source);
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : content.subList(1, content.size())) {
      String[] fields = line.split(",", -1);
      if (fields.length != header.size()) {
        throw new IllegalArgumentException(source + ": row '" + line + "' has " + fields.length + " fields, the header "
            + header.size());
      }
      int runs = Integer.parseInt(fields[runsColumn].trim());
      Map<Metric, Statistic> values = new EnumMap<>(Metric.class);
      for (Metric metric : Metric.values()) {
        int meanColumn = header.indexOf(metric.key() + "_mean");
        if (meanColumn < 0) {
          continue;
        }
        int stdColumn = header.indexOf(metric.key() + "_std");
        double std = stdColumn < 0 ? 0.0 : Double.parseDouble(fields[stdColumn].trim());
        values.put(metric, new Statistic(Double.parseDouble(fields[meanColumn].trim()), std, runs));
      }
      Row row = new Row(fields[0].trim(), fields[1].trim(), runs, values);
      rows.put(key(row.group(), row.model()), row);
    }
    return new ReferenceTable(paper, rows);
  }

  private static int requireColumn(List<String> header, String column, String source) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException(source + " has no column '" + column + "'");
    }
    return index;
  }

  private static String key(String group, String model) {
    return group + "\u0000" + model;
  }

  public Paper paper() {
    return paper;
  }

  public Optional<Row> find(String group, String model) {
    return Optional.ofNullable(rows.get(key(group, model)));
  }

  /** The only row of a group, for tables whose group has a single model (the case study). */
  public Optional<Row> findOnly(String group) {
    List<Row> matching = new ArrayList<>();
    for (Row row : rows.values()) {
      if (row.group().equals(group)) {
        matching.add(row);
      }
    }
    return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
  }

  public List<Row> rows() {
    return List.copyOf(rows.values());
  }
}
