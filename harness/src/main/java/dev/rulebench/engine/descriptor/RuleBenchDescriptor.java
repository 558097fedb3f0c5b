package dev.rulebench.engine.descriptor;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * A node of the tree suite → cell → run → check. Tags are inherited: a tag on the suite class
 * applies to every run and check in it, so tag filters select whole suites as well as single
 * checks.
 */
public abstract class RuleBenchDescriptor extends AbstractTestDescriptor {

  private final Set<TestTag> ownTags;
  private final int ordinal;

  protected RuleBenchDescriptor(UniqueId uniqueId, String displayName, TestSource source, Set<TestTag> ownTags,
      int ordinal) {
    super(uniqueId, displayName, source);
    this.ownTags = Set.copyOf(ownTags);
    this.ordinal = ordinal;
  }

  @Override
  public Set<TestTag> getTags() {
    Set<TestTag> tags = new LinkedHashSet<>(ownTags);
    getParent().ifPresent(parent -> tags.addAll(parent.getTags()));
    return tags;
  }

  /** Its position among its siblings of the same kind, so children keep declaration order. */
  public int ordinal() {
    return ordinal;
  }

  /** Orders siblings: runs before checks, each kind in declaration order. */
  public abstract int kindOrder();
}
