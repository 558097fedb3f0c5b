package dev.rulebench.reports.baseline;

import dev.rulebench.config.Json;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cell aggregates of one scale, written by {@code rulebench:baseline} and committed by the
 * user; {@code rulebench:verify} fails a build whose cells fall outside their bands.
 *
 * @param schema version of this file's layout
 * @param scale the scale every cell ran at (one baseline file per scale)
 * @param rulebenchVersion the RuleBench version that made it
 * @param created when it was made (ISO-8601)
 * @param howToUpdate what to run to replace it
 * @param cells the cells, by suite and cell id
 */
public record Baseline(int schema, String scale, String rulebenchVersion, String created, String howToUpdate,
    List<BaselineCell> cells) {

  /** 2: two-sided bands with their sides, seed spread and granularity recorded (1 had one-sided bands only). */
  public static final int SCHEMA = 2;

  public Baseline {
    cells = List.copyOf(cells);
  }

  /** The conventional file of a scale inside a baseline folder: {@code baseline-<scale>.json}. */
  public static Path file(Path folder, String scale) {
    return folder.resolve("baseline-" + scale + ".json");
  }

  /**
   * Reads a baseline file.
   *
   * @throws IllegalArgumentException naming the file and the fix when it is not a baseline
   */
  public static Baseline read(Path file) {
    // an older layout fails on its schema number, not on whichever field changed
    Object schema = parse(file, java.util.Map.class).get("schema");
    Baseline baseline = schema instanceof Number number && number.intValue() == SCHEMA ? parse(file, Baseline.class)
        : null;
    if (baseline == null || baseline.cells() == null) {
      throw new IllegalArgumentException(file + " is not a RuleBench baseline of schema " + SCHEMA
          + (schema == null ? "" : " (it has " + schema + ")") + ": write it again with rulebench:baseline");
    }
    return baseline;
  }

  private static <T> T parse(Path file, Class<T> type) {
    try {
      T read = Json.read(file, type);
      if (read == null) {
        throw new IllegalArgumentException("empty");
      }
      return read;
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException(file + " is not a RuleBench baseline (" + e.getMessage().lines().findFirst()
          .orElse("unreadable") + "): write it again with rulebench:baseline", e);
    }
  }

  /** Writes the file atomically, so a build never reads half a baseline. */
  public void write(Path file) {
    Json.writeAtomically(file, this);
  }

  public static boolean exists(Path file) {
    return Files.isRegularFile(file);
  }
}
