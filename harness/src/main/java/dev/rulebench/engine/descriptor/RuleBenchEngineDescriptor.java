package dev.rulebench.engine.descriptor;

import dev.rulebench.engine.config.EngineConfiguration;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/** The root: {@code [engine:rulebench]}, holding the configuration read at discovery. */
public final class RuleBenchEngineDescriptor extends EngineDescriptor {

  private final EngineConfiguration configuration;

  public RuleBenchEngineDescriptor(UniqueId uniqueId, EngineConfiguration configuration) {
    super(uniqueId, "RuleBench");
    this.configuration = configuration;
  }

  public EngineConfiguration configuration() {
    return configuration;
  }
}
