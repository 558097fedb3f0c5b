package dev.rulebench.engine.descriptor;

import dev.rulebench.engine.discovery.CellDefinition;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * A language × architecture × configuration: {@code [cell:<language>-<architecture>-<hash>]}, with
 * a run per seed and the cell-level checks as children.
 *
 * <p>The hash covers what the suite declares for the cell (language, architecture, their
 * overrides, the training overrides and the scale), so the id is the same on every discovery and
 * every machine, whether or not a model implementation is on the class path; each run's JSON also
 * records {@code configHash}, the hash of the fully resolved configuration.
 */
public final class CellDescriptor extends RuleBenchDescriptor {

  public static final String SEGMENT_TYPE = "cell";

  private final CellDefinition definition;

  public CellDescriptor(UniqueId uniqueId, CellDefinition definition, Class<?> suiteClass) {
    super(uniqueId, definition.displayName(), ClassSource.from(suiteClass), Set.of(), definition.ordinal());
    this.definition = definition;
  }

  public CellDefinition definition() {
    return definition;
  }

  /** The runs among the children, in seed order. */
  public List<RunDescriptor> runs() {
    return getChildren().stream().filter(RunDescriptor.class::isInstance).map(RunDescriptor.class::cast).toList();
  }

  /** The cell-level checks among the children. */
  public List<CheckDescriptor> checks() {
    return getChildren().stream().filter(CheckDescriptor.class::isInstance).map(CheckDescriptor.class::cast)
        .toList();
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public String getLegacyReportingName() {
    return definition.id();
  }

  @Override
  public int kindOrder() {
    return 0;
  }
}
