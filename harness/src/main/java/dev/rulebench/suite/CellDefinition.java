package dev.rulebench.suite;

import dev.rulebench.api.CellId;
import dev.rulebench.config.ConfigException;
import dev.rulebench.grammar.Language;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import java.util.List;
import java.util.Optional;

/**
 * One cell of a suite: a language × an architecture under one configuration, at one scale, run
 * once per seed. Built at discovery, which validates the suite's declarations and resolves the
 * trial once.
 *
 * @param ordinal its position in the suite
 * @param id the cell's identity: its unique-id segment, the name of its run files
 * @param displayName e.g. {@code aⁿbⁿ × lstm (layers=3)}
 * @param suite the suite class's name
 * @param language the language
 * @param architectureName the architecture's name
 * @param resolved the cell's trial, resolved once at discovery (with seed 1: each run's trial is
 *     this one with its own seed), or empty when no implementation of the architecture is on the
 *     class path (the runs then abort with {@link #missingArchitecture()})
 * @param missingArchitecture why the trial cannot be built (no implementation of the architecture, or
 *     a language whose data cannot be set up), when it cannot
 * @param scale the scale
 * @param seeds the seeds, in order
 * @param device auto, cpu or gpu
 */
public record CellDefinition(
    int ordinal,
    CellId id,
    String displayName,
    String suite,
    Language language,
    String architectureName,
    Optional<Trial> resolved,
    String missingArchitecture,
    Scale scale,
    List<Long> seeds,
    String device) {

  public CellDefinition {
    seeds = List.copyOf(seeds);
  }

  /**
   * The fully resolved run of one seed.
   *
   * @throws ConfigException when no implementation of the architecture is on the class path
   */
  public Trial trial(long seed) {
    return resolved.orElseThrow(() -> new ConfigException(missingArchitecture)).withSeed(seed);
  }
}
