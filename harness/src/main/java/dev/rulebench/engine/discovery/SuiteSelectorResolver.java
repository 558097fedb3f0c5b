package dev.rulebench.engine.discovery;

import dev.rulebench.suite.CellDefinition;
import dev.rulebench.suite.SuiteDefinition;
import dev.rulebench.suite.CheckMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.rulebench.engine.descriptor.CellDescriptor;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.engine.descriptor.SuiteDescriptor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves class, method and unique-id selectors into the tree suite → cell → run → check.
 * Classpath-root and package selectors reach it as class selectors, through the platform's class
 * container resolver.
 *
 * <p>Every node is created from its unique id, so a class selector, an IDE re-run of one run and a
 * re-run of one check build identical descriptors: a class or cell selector expands to its
 * children by their unique ids, and resolving a deeper unique id creates its ancestors without
 * their other children. A cell-level check needs every seed of its cell, so selecting it also
 * brings the cell's runs, as partial matches (without their per-seed checks).
 */
final class SuiteSelectorResolver implements SelectorResolver {

  private final SuiteParser parser;
  private final UniqueId engineId;
  private final Predicate<String> classNameFilter;
  private final IsSuiteClass isSuiteClass = new IsSuiteClass();
  private final Map<Class<?>, Optional<SuiteDefinition>> parsed = new HashMap<>();

  SuiteSelectorResolver(SuiteParser parser, UniqueId engineId, Predicate<String> classNameFilter) {
    this.parser = parser;
    this.engineId = engineId;
    this.classNameFilter = classNameFilter;
  }

  @Override
  public Resolution resolve(ClassSelector selector, Context context) {
    Class<?> type;
    try {
      type = selector.getJavaClass();
    } catch (RuntimeException e) {
      return unresolved();
    }
    if (!isSuiteClass.test(type) || !classNameFilter.test(type.getName())) {
      return unresolved();
    }
    return definition(type).flatMap(definition -> suite(definition, context))
        .map(suite -> Resolution.match(Match.exact(suite, () -> cellSelectors(suite))))
        .orElse(unresolved());
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
    if (!isSuiteClass.test(type)) {
      return unresolved();
    }
    Optional<SuiteDefinition> definition = definition(type);
    if (definition.isPresent() && definition.get().isMalformed()) {
      // its checks cannot run: the suite itself runs, and fails with its mistakes
      return suite(definition.get(), context).map(suite -> Resolution.match(Match.exact(suite))).orElse(unresolved());
    }
    Optional<CheckMethod> check = definition.flatMap(d -> d.check(method.getName()))
        .filter(c -> c.method().equals(method));
    if (check.isEmpty()) {
      return unresolved();
    }
    // the check under every run or every cell, resolved by unique id like an IDE re-run
    UniqueId suiteId = engineId.append(SuiteDescriptor.SEGMENT_TYPE, type.getName());
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

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    return resolveUniqueId(selector.getUniqueId(), context);
  }

  private Resolution resolveUniqueId(UniqueId uniqueId, Context context) {
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
      Optional<Class<?>> suiteClass = ReflectionSupport.tryToLoadClass(last.getValue()).toOptional()
          .filter(isSuiteClass);
      return suiteClass.flatMap(this::definition).flatMap(d -> suite(d, context))
          .map(suite -> Resolution.match(Match.exact(suite, () -> cellSelectors(suite))))
          .orElse(unresolved());
    }
    Optional<SuiteDefinition> malformed = uniqueId.getSegments().stream()
        .filter(segment -> segment.getType().equals(SuiteDescriptor.SEGMENT_TYPE)).findFirst()
        .flatMap(segment -> ReflectionSupport.tryToLoadClass(segment.getValue()).toOptional()).filter(isSuiteClass)
        .flatMap(this::definition).filter(SuiteDefinition::isMalformed);
    if (malformed.isPresent()) {
      // a cell, run or check of a suite whose annotations are wrong (an IDE re-run): the suite fails
      return suite(malformed.get(), context).map(suite -> Resolution.match(Match.exact(suite))).orElse(unresolved());
    }
    String parentType = parentId.getLastSegment().getType();
    if (CellDescriptor.SEGMENT_TYPE.equals(type) && SuiteDescriptor.SEGMENT_TYPE.equals(parentType)) {
      return context.addToParent(() -> selectUniqueId(parentId), parent -> cell((SuiteDescriptor) parent,
              last.getValue()))
          .map(cell -> Resolution.match(Match.exact(cell, () -> childSelectors(cell))))
          .orElse(unresolved());
    }
    if (RunDescriptor.SEGMENT_TYPE.equals(type) && CellDescriptor.SEGMENT_TYPE.equals(parentType)) {
      return context.addToParent(() -> selectUniqueId(parentId), parent -> run((CellDescriptor) parent,
              last.getValue()))
          .map(run -> Resolution.match(Match.exact(run, () -> checkSelectors(run))))
          .orElse(unresolved());
    }
    if (CheckDescriptor.SEGMENT_TYPE.equals(type) && RunDescriptor.SEGMENT_TYPE.equals(parentType)) {
      return context.addToParent(() -> selectUniqueId(parentId), parent -> check((RunDescriptor) parent,
              last.getValue(), CheckMethod.Scope.RUN))
          .map(check -> Resolution.match(Match.exact(check)))
          .orElse(unresolved());
    }
    if (CheckDescriptor.SEGMENT_TYPE.equals(type) && CellDescriptor.SEGMENT_TYPE.equals(parentType)) {
      Optional<CheckDescriptor> check = context.addToParent(() -> selectUniqueId(parentId),
          parent -> check((CellDescriptor) parent, last.getValue(), CheckMethod.Scope.CELL));
      if (check.isEmpty()) {
        return unresolved();
      }
      // the runs the check aggregates, as partial matches: without their own checks
      Set<Match> matches = new LinkedHashSet<>();
      matches.add(Match.exact(check.get()));
      CellDescriptor cell = (CellDescriptor) check.get().getParent().orElseThrow();
      for (long seed : cell.definition().seeds()) {
        context.addToParent(() -> selectUniqueId(parentId), parent -> run((CellDescriptor) parent,
            String.valueOf(seed))).ifPresent(run -> matches.add(Match.partial(run)));
      }
      return Resolution.matches(matches);
    }
    return unresolved();
  }

  private Optional<SuiteDefinition> definition(Class<?> type) {
    // parsed once per discovery, so each mistake is reported once however often it is selected
    return parsed.computeIfAbsent(type, parser::parse);
  }

  private static Optional<SuiteDescriptor> suite(SuiteDefinition definition, Context context) {
    return context.addToParent(parent -> Optional.of(new SuiteDescriptor(
        parent.getUniqueId().append(SuiteDescriptor.SEGMENT_TYPE, definition.suiteClass().getName()), definition)));
  }

  private static Optional<CellDescriptor> cell(SuiteDescriptor suite, String id) {
    return suite.definition().cell(id).map(definition -> new CellDescriptor(
        suite.getUniqueId().append(CellDescriptor.SEGMENT_TYPE, id), definition, suite.definition().suiteClass()));
  }

  private static Optional<RunDescriptor> run(CellDescriptor cell, String seedText) {
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

  private static Optional<CheckDescriptor> check(TestDescriptor parent, String name, CheckMethod.Scope scope) {
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

  private static Set<DiscoverySelector> childSelectors(CellDescriptor cell) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (long seed : cell.definition().seeds()) {
      selectors.add(selectUniqueId(cell.getUniqueId().append(RunDescriptor.SEGMENT_TYPE, String.valueOf(seed))));
    }
    for (CheckMethod check : suiteOf(cell).definition().checks(CheckMethod.Scope.CELL)) {
      selectors.add(selectUniqueId(cell.getUniqueId().append(CheckDescriptor.SEGMENT_TYPE, check.name())));
    }
    return selectors;
  }

  private static Set<DiscoverySelector> checkSelectors(RunDescriptor run) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (CheckMethod check : suiteOf(run).definition().checks(CheckMethod.Scope.RUN)) {
      selectors.add(selectUniqueId(run.getUniqueId().append(CheckDescriptor.SEGMENT_TYPE, check.name())));
    }
    return selectors;
  }

}
