package dev.rulebench.engine.descriptor;

import dev.rulebench.suite.CellDefinition;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * A language × architecture × configuration: {@code [cell:<language>-<architecture>-<hash>]}, with
 * a run per seed and the cell-level checks as children.
 *
 * <p>The segment is the cell's {@link dev.rulebench.api.CellId}: the hash of its resolved
 * configuration, the {@code configHash} its runs' results record, so a unique id, a run file and a
 * report's cell name it alike.
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
    return definition.id().toString();
  }

  @Override
  public int kindOrder() {
    return 0;
  }
}
