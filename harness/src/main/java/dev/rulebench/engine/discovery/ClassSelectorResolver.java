package dev.rulebench.engine.discovery;

import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import java.util.function.Predicate;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves class selectors into suites, each expanding to its cells. Classpath-root and package
 * selectors reach it as class selectors, through the platform's class container resolver.
 */
final class ClassSelectorResolver implements SelectorResolver {

  private final SuiteTree tree;
  private final Predicate<String> classNameFilter;

  ClassSelectorResolver(SuiteTree tree, Predicate<String> classNameFilter) {
    this.tree = tree;
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
    if (!tree.isSuiteClass(type) || !classNameFilter.test(type.getName())) {
      return unresolved();
    }
    return tree.suite(type, context);
  }
}
