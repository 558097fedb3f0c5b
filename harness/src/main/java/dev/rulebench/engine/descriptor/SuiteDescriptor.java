package dev.rulebench.engine.descriptor;

import dev.rulebench.suite.SuiteDefinition;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;

/** A {@code @RuleExtrapolation} class: {@code [suite:<class name>]}. */
public final class SuiteDescriptor extends RuleBenchDescriptor {

  public static final String SEGMENT_TYPE = "suite";

  private final SuiteDefinition definition;

  public SuiteDescriptor(UniqueId uniqueId, SuiteDefinition definition) {
    super(uniqueId, definition.displayName(), ClassSource.from(definition.suiteClass()), definition.tags(), 0);
    this.definition = definition;
  }

  public SuiteDefinition definition() {
    return definition;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  /** A malformed suite has no children but must stay in the tree (not be pruned) to fail when run. */
  @Override
  public boolean mayRegisterTests() {
    return definition.isMalformed();
  }

  @Override
  public String getLegacyReportingName() {
    return definition.suiteClass().getName();
  }

  @Override
  public int kindOrder() {
    return 0;
  }
}
