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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.SelectorResolver.Context;
import org.junit.platform.engine.support.discovery.SelectorResolver.Match;
import org.junit.platform.engine.support.discovery.SelectorResolver.Resolution;

/**
 * The tree suite → cell → run → check that the three selector resolvers ({@link ClassSelectorResolver},
 * {@link MethodSelectorResolver}, {@link UniqueIdSelectorResolver}) build: the suites parsed so far,
 * and how each node is made from its parent and the last segment of its unique id. One instance per
 * discovery, shared by the three resolvers.
 *
 * <p>Every node is created from its unique id, so a class selector, an IDE re-run of one run and a
 * re-run of one check build identical descriptors: a class or cell selector expands to its
 * children by their unique ids.
 */
final class SuiteTree {

  private final SuiteParser parser;
  private final UniqueId engineId;
  private final IsSuiteClass isSuiteClass = new IsSuiteClass();
  private final Map<Class<?>, Optional<SuiteDefinition>> parsed = new HashMap<>();

  SuiteTree(SuiteParser parser, UniqueId engineId) {
    this.parser = parser;
    this.engineId = engineId;
  }

  UniqueId engineId() {
    return engineId;
  }

  boolean isSuiteClass(Class<?> type) {
    return isSuiteClass.test(type);
  }

  /** The suite class a unique id's suite segment names, if it loads and is one. */
  Optional<Class<?>> suiteClass(String name) {
    return ReflectionSupport.tryToLoadClass(name).toOptional().filter(isSuiteClass);
  }

  Optional<SuiteDefinition> definition(Class<?> type) {
    // parsed once per discovery, so each mistake is reported once however often it is selected
    return parsed.computeIfAbsent(type, parser::parse);
  }

  /** A suite, as a match that expands to its cells. */
  Resolution suite(Class<?> type, Context context) {
    return definition(type).flatMap(definition -> suiteDescriptor(definition, context))
        .map(suite -> Resolution.match(Match.exact(suite, () -> cellSelectors(suite))))
        .orElse(unresolved());
  }

  /** A suite whose annotations are wrong, selected through one of its parts: the suite alone, which fails. */
  static Resolution malformedSuite(SuiteDefinition definition, Context context) {
    return suiteDescriptor(definition, context).map(suite -> Resolution.match(Match.exact(suite))).orElse(unresolved());
  }

  private static Optional<SuiteDescriptor> suiteDescriptor(SuiteDefinition definition, Context context) {
    return context.addToParent(parent -> Optional.of(new SuiteDescriptor(
        parent.getUniqueId().append(SuiteDescriptor.SEGMENT_TYPE, definition.suiteClass().getName()), definition)));
  }

  static Optional<CellDescriptor> cell(SuiteDescriptor suite, String id) {
    return suite.definition().cell(id).map(definition -> new CellDescriptor(
        suite.getUniqueId().append(CellDescriptor.SEGMENT_TYPE, id), definition, suite.definition().suiteClass()));
  }

  static Optional<RunDescriptor> run(CellDescriptor cell, String seedText) {
    long seed;
    try {
      seed = Long.parseLong(seedText);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!cell.definition().seeds().contains(seed)) {
      return Optional.empty();
    }
    Class<?> suiteClass = ((SuiteDescriptor) cell.getParent().orElseThrow()).definition().suiteClass();
    return Optional.of(new RunDescriptor(cell.getUniqueId().append(RunDescriptor.SEGMENT_TYPE, seedText),
        cell.definition(), seed, suiteClass));
  }

  static Optional<CheckDescriptor> check(TestDescriptor parent, String name, CheckMethod.Scope scope) {
    SuiteDescriptor suite = suiteOf(parent);
    return suite.definition().check(name).filter(c -> c.scope() == scope).map(check -> new CheckDescriptor(
        parent.getUniqueId().append(CheckDescriptor.SEGMENT_TYPE, name), check, suite.definition().suiteClass()));
  }

  private static SuiteDescriptor suiteOf(TestDescriptor descriptor) {
    TestDescriptor current = descriptor;
    while (!(current instanceof SuiteDescriptor)) {
      current = current.getParent().orElseThrow();
    }
    return (SuiteDescriptor) current;
  }

  private static Set<DiscoverySelector> cellSelectors(SuiteDescriptor suite) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (CellDefinition cell : suite.definition().cells()) {
      selectors.add(selectUniqueId(suite.getUniqueId().append(CellDescriptor.SEGMENT_TYPE, cell.id().toString())));
    }
    return selectors;
  }

  /** A cell's runs and its cell-level checks. */
  static Set<DiscoverySelector> childSelectors(CellDescriptor cell) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (long seed : cell.definition().seeds()) {
      selectors.add(selectUniqueId(cell.getUniqueId().append(RunDescriptor.SEGMENT_TYPE, String.valueOf(seed))));
    }
    for (CheckMethod check : suiteOf(cell).definition().checks(CheckMethod.Scope.CELL)) {
      selectors.add(selectUniqueId(cell.getUniqueId().append(CheckDescriptor.SEGMENT_TYPE, check.name())));
    }
    return selectors;
  }

  static Set<DiscoverySelector> checkSelectors(RunDescriptor run) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (CheckMethod check : suiteOf(run).definition().checks(CheckMethod.Scope.RUN)) {
      selectors.add(selectUniqueId(run.getUniqueId().append(CheckDescriptor.SEGMENT_TYPE, check.name())));
    }
    return selectors;
  }
}
