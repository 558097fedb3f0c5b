package dev.rulebench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.platform.commons.annotation.Testable;

/**
 * A check of a {@link RuleExtrapolation} suite: a method with one parameter that asserts on
 * results and throws when they do not hold (use {@link Expect}, JUnit's or AssertJ's assertions).
 *
 * <ul>
 *   <li>{@code void check(RunResult run)} runs once per seed, after that run;
 *   <li>{@code void check(CellResult cell)} runs once per cell (language × architecture ×
 *       configuration), after all its seeds, on their aggregate.
 * </ul>
 *
 * <p>Methods may be static or not (the suite class then needs a no-argument constructor and a
 * fresh instance is made per call), and of any visibility.
 */
@Documented
@Testable
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Check {

  /** The check's name in reports; the method name when empty. */
  String value() default "";
}
