package dev.rulebench.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.rulebench.engine.descriptor.CellDescriptor;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.engine.descriptor.SuiteDescriptor;
import dev.rulebench.suite.CellDefinition;
import dev.rulebench.suite.CheckMethod;
import dev.rulebench.suite.SuiteDefinition;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves a method selector that names a {@code @Check} method into the unique ids of that check
 * under every run (a per-seed check) or every cell (a cell-level check), which the
 * {@link UniqueIdSelectorResolver} then resolves as it would an IDE re-run of each.
 */
final class MethodSelectorResolver implements SelectorResolver {

  private final SuiteTree tree;

  MethodSelectorResolver(SuiteTree tree) {
    this.tree = tree;
  }

  @Override
  public Resolution resolve(MethodSelector selector, Context context) {
    Class<?> type;
    Method method;
    try {
      type = selector.getJavaClass();
      method = selector.getJavaMethod();
    } catch (RuntimeException e) {
      return unresolved();
    }
    if (!tree.isSuiteClass(type)) {
      return unresolved();
    }
    Optional<SuiteDefinition> definition = tree.definition(type);
    if (definition.isPresent() && definition.get().isMalformed()) {
      // its checks cannot run: the suite itself runs, and fails with its mistakes
      return SuiteTree.malformedSuite(definition.get(), context);
    }
    Optional<CheckMethod> check = definition.flatMap(d -> d.check(method.getName()))
        .filter(c -> c.method().equals(method));
    if (check.isEmpty()) {
      return unresolved();
    }
    // the check under every run or every cell, resolved by unique id like an IDE re-run
    UniqueId suiteId = tree.engineId().append(SuiteDescriptor.SEGMENT_TYPE, type.getName());
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (CellDefinition cell : definition.get().cells()) {
      UniqueId cellId = suiteId.append(CellDescriptor.SEGMENT_TYPE, cell.id().toString());
      if (check.get().scope() == CheckMethod.Scope.CELL) {
        selectors.add(selectUniqueId(cellId.append(CheckDescriptor.SEGMENT_TYPE, check.get().name())));
      } else {
        for (long seed : cell.seeds()) {
          selectors.add(selectUniqueId(cellId.append(RunDescriptor.SEGMENT_TYPE, String.valueOf(seed))
              .append(CheckDescriptor.SEGMENT_TYPE, check.get().name())));
        }
      }
    }
    return Resolution.selectors(selectors);
  }
}
