package dev.rulebench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The seeds of every cell of a {@link RuleExtrapolation} suite: an explicit list of positive,
 * distinct seeds, or a count ({@code count = 3} means seeds 1, 2 and 3). Without this annotation a
 * suite runs seed 1 only. The configuration key {@code rulebench.seeds} overrides it for every
 * suite.
 *
 * <pre>{@code
 * @Seeds({42, 64, 982, 5748, 23567})
 * @Seeds(count = 3)
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Seeds {

  /** Explicit seeds, each positive and none repeated. */
  long[] value() default {};

  /** Seeds 1 to count, when no explicit seeds are given. */
  int count() default 0;
}
