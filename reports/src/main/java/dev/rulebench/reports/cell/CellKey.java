package dev.rulebench.reports.cell;

import dev.rulebench.api.CellId;
import dev.rulebench.api.RunResult;
import java.util.Comparator;

/**
 * What makes runs one cell of a table: the suite, the language, the architecture and the hash of
 * everything else that defines the cell (model and training configuration, data and scale); the
 * runs of a cell differ only in their seed.
 *
 * @param suite the suite class name, or {@code cli}
 * @param language language name
 * @param architecture architecture name
 * @param configHash the runs' {@link RunResult#configHash()}
 */
public record CellKey(String suite, String language, String architecture, String configHash)
    implements Comparable<CellKey> {

  private static final Comparator<CellKey> ORDER = Comparator.comparing(CellKey::suite)
      .thenComparing(CellKey::language)
      .thenComparing(CellKey::architecture)
      .thenComparing(CellKey::configHash);

  public static CellKey of(RunResult run) {
    return new CellKey(run.suite() == null ? "cli" : run.suite(), run.language(), run.architecture(),
        run.configHash() == null ? "unknown" : run.configHash());
  }

  /** The cell's one identity: the engine's unique-id segment and its run files' name. */
  public CellId id() {
    return new CellId(language, architecture, configHash);
  }

  @Override
  public int compareTo(CellKey other) {
    return ORDER.compare(this, other);
  }
}
