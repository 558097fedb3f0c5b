package dev.rulebench.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.rulebench.engine.descriptor.CellDescriptor;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.engine.descriptor.SuiteDescriptor;
import dev.rulebench.suite.CheckMethod;
import dev.rulebench.suite.SuiteDefinition;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves unique-id selectors of a suite, cell, run or check: those the suite and cell matches
 * expand to, those the {@link MethodSelectorResolver} makes, and an IDE's re-run of one node.
 * Resolving a deeper unique id creates its ancestors (by their unique ids, through this resolver)
 * without their other children. A cell-level check needs every seed of its cell, so selecting it
 * also brings the cell's runs, as partial matches (without their per-seed checks).
 *
 * <p>A suite's unique id is resolved here rather than with the class selectors: a unique id names
 * its suite class as text, as the suite segment of a deeper one does, and the class name filter
 * applies to class selectors only.
 */
final class UniqueIdSelectorResolver implements SelectorResolver {

  private final SuiteTree tree;

  UniqueIdSelectorResolver(SuiteTree tree) {
    this.tree = tree;
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId uniqueId = selector.getUniqueId();
    UniqueId engineId = tree.engineId();
    if (!uniqueId.hasPrefix(engineId) || uniqueId.equals(engineId)) {
      return unresolved();
    }
    UniqueId.Segment last = uniqueId.getLastSegment();
    String type = last.getType();
    UniqueId parentId = uniqueId.removeLastSegment();
    if (parentId.equals(engineId)) {
      if (!SuiteDescriptor.SEGMENT_TYPE.equals(type)) {
        return unresolved();
      }
      return tree.suiteClass(last.getValue()).map(suiteClass -> tree.suite(suiteClass, context)).orElse(unresolved());
    }
    Optional<SuiteDefinition> malformed = uniqueId.getSegments().stream()
        .filter(segment -> segment.getType().equals(SuiteDescriptor.SEGMENT_TYPE)).findFirst()
        .flatMap(segment -> tree.suiteClass(segment.getValue()))
        .flatMap(tree::definition).filter(SuiteDefinition::isMalformed);
    if (malformed.isPresent()) {
      // a cell, run or check of a suite whose annotations are wrong (an IDE re-run): the suite fails
      return SuiteTree.malformedSuite(malformed.get(), context);
    }
    String parentType = parentId.getLastSegment().getType();
    if (CellDescriptor.SEGMENT_TYPE.equals(type) && SuiteDescriptor.SEGMENT_TYPE.equals(parentType)) {
      return context.addToParent(() -> selectUniqueId(parentId), parent -> SuiteTree.cell((SuiteDescriptor) parent,
              last.getValue()))
          .map(cell -> Resolution.match(Match.exact(cell, () -> SuiteTree.childSelectors(cell))))
          .orElse(unresolved());
    }
    if (RunDescriptor.SEGMENT_TYPE.equals(type) && CellDescriptor.SEGMENT_TYPE.equals(parentType)) {
      return context.addToParent(() -> selectUniqueId(parentId), parent -> SuiteTree.run((CellDescriptor) parent,
              last.getValue()))
          .map(run -> Resolution.match(Match.exact(run, () -> SuiteTree.checkSelectors(run))))
          .orElse(unresolved());
    }
    if (CheckDescriptor.SEGMENT_TYPE.equals(type) && RunDescriptor.SEGMENT_TYPE.equals(parentType)) {
      return context.addToParent(() -> selectUniqueId(parentId), parent -> SuiteTree.check((RunDescriptor) parent,
              last.getValue(), CheckMethod.Scope.RUN))
          .map(check -> Resolution.match(Match.exact(check)))
          .orElse(unresolved());
    }
    if (CheckDescriptor.SEGMENT_TYPE.equals(type) && CellDescriptor.SEGMENT_TYPE.equals(parentType)) {
      return cellCheck(parentId, last.getValue(), context);
    }
    return unresolved();
  }

  private static Resolution cellCheck(UniqueId cellId, String name, Context context) {
    Optional<CheckDescriptor> check = context.addToParent(() -> selectUniqueId(cellId),
        parent -> SuiteTree.check((CellDescriptor) parent, name, CheckMethod.Scope.CELL));
    if (check.isEmpty()) {
      return unresolved();
    }
    // the runs the check aggregates, as partial matches: without their own checks
    Set<Match> matches = new LinkedHashSet<>();
    matches.add(Match.exact(check.get()));
    CellDescriptor cell = (CellDescriptor) check.get().getParent().orElseThrow();
    for (long seed : cell.definition().seeds()) {
      context.addToParent(() -> selectUniqueId(cellId), parent -> SuiteTree.run((CellDescriptor) parent,
          String.valueOf(seed))).ifPresent(run -> matches.add(Match.partial(run)));
    }
    return Resolution.matches(matches);
  }
}
