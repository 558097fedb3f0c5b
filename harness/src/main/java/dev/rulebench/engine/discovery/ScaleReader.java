package dev.rulebench.engine.discovery;

import dev.rulebench.api.Constants;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.config.ConfigException;
import dev.rulebench.trial.Scale;
import java.util.Optional;

/** {@code @RuleExtrapolation(scale = …)}. */
final class ScaleReader {

  private ScaleReader() {}

  /** The scale: {@code rulebench.scale} when set, else the suite's, else the default. */
  static Optional<Scale> read(RuleExtrapolation marker, Optional<Scale> configured, SuiteProblems problems) {
    if (configured.isPresent()) {
      return configured;
    }
    if (marker.scale().isBlank()) {
      return Optional.of(Scale.parse(Constants.DEFAULT_SCALE));
    }
    try {
      return Optional.of(Scale.parse(marker.scale()));
    } catch (ConfigException e) {
      problems.add("@RuleExtrapolation(scale = \"" + marker.scale() + "\")", e.getMessage(),
          "use smoke, quick, ci, reduced or paper");
      return Optional.empty();
    }
  }
}
