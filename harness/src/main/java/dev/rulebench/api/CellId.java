package dev.rulebench.api;

/**
 * The one identity of a cell (a language × an architecture under one resolved configuration, at
 * one scale; its runs differ only in the seed), written {@code aNbN-lstm-1a2b3c4d5e6f}. The same
 * text is the engine's {@code [cell:…]} unique-id segment, the prefix of the run files
 * ({@code <cell id>-seed<N>.json}), the TensorBoard and figure names, and a report's or baseline's
 * cell; its hash is {@link RunResult#configHash()}.
 *
 * @param language the language's name
 * @param architecture the architecture's name
 * @param hash the first 12 hex digits of the SHA-256 of everything else that defines the cell
 */
public record CellId(String language, String architecture, String hash) {

  public CellId {
    if (language == null || architecture == null || hash == null) {
      throw new IllegalArgumentException("a cell id needs a language, an architecture and a hash");
    }
  }

  /** The cell of a run result (a hash of {@code unknown} for results written without one). */
  public static CellId of(RunResult run) {
    return new CellId(run.language(), run.architecture(), run.configHash() == null ? "unknown" : run.configHash());
  }

  /** {@code <language>-<architecture>-<hash>}. */
  @Override
  public String toString() {
    return language + "-" + architecture + "-" + hash;
  }
}
