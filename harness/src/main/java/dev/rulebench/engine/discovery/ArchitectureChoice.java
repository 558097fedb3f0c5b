package dev.rulebench.engine.discovery;

import dev.rulebench.model.ModelArchitecture;
import java.util.Map;
import java.util.Optional;

/**
 * An architecture as a suite declared it.
 *
 * @param name its name
 * @param architecture the implementation, or empty when none is on the class path
 * @param missing why it is missing, when it is
 * @param overrides the declared hyperparameter overrides
 */
record ArchitectureChoice(String name, Optional<ModelArchitecture> architecture, String missing,
    Map<String, String> overrides) {}
