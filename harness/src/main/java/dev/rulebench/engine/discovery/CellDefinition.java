package dev.rulebench.engine.discovery;

import dev.rulebench.api.CellId;
import dev.rulebench.config.ConfigException;
import dev.rulebench.grammar.Language;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cell of a suite: a language × an architecture under one configuration, at one scale, run
 * once per seed. Built at discovery, which validates everything a {@link Trial} needs, so building
 * one later cannot fail on the suite's declarations.
 *
 * @param ordinal its position in the suite
 * @param id the cell's identity: its unique-id segment, the name of its run files
 * @param displayName e.g. {@code aⁿbⁿ × lstm (layers=3)}
 * @param suite the suite class's name
 * @param language the language
 * @param architectureName the architecture's name
 * @param architecture the architecture, or empty when no implementation of that name is on the
 *     class path (the runs then abort with {@link #missingArchitecture()})
 * @param missingArchitecture why the architecture is missing, when it is
 * @param modelOverrides the declared hyperparameter overrides
 * @param trainingOverrides the declared training overrides
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
    Optional<ModelArchitecture> architecture,
    String missingArchitecture,
    Map<String, String> modelOverrides,
    Map<String, String> trainingOverrides,
    Scale scale,
    List<Long> seeds,
    String device) {

  public CellDefinition {
    modelOverrides = Map.copyOf(modelOverrides);
    trainingOverrides = Map.copyOf(trainingOverrides);
    seeds = List.copyOf(seeds);
  }

  /**
   * The fully resolved run of one seed.
   *
   * @throws ConfigException when no implementation of the architecture is on the class path
   */
  public Trial trial(long seed) {
    ModelArchitecture resolved = architecture.orElseThrow(() -> new ConfigException(missingArchitecture));
    return Trial.at(suite, language, resolved, modelOverrides, trainingOverrides, scale, seed, device);
  }
}
