package dev.rulebench.engine.discovery;

import dev.rulebench.api.RuleExtrapolation;
import java.lang.reflect.Modifier;
import java.util.function.Predicate;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Whether a class is a suite to discover: annotated {@code @RuleExtrapolation} (directly, inherited
 * or through a meta-annotation), concrete, and neither local nor anonymous. Abstract classes are
 * base classes for suites, not suites.
 */
final class IsSuiteClass implements Predicate<Class<?>> {

  @Override
  public boolean test(Class<?> candidate) {
    return !Modifier.isAbstract(candidate.getModifiers()) && !candidate.isInterface()
        && !candidate.isAnonymousClass() && !candidate.isLocalClass() && !candidate.isAnnotation()
        && AnnotationSupport.isAnnotated(candidate, RuleExtrapolation.class);
  }
}
