package dev.rulebench.api;

import dev.rulebench.grammar.Language;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The languages a {@link RuleExtrapolation} suite trains on: built-in or registered names (see
 * {@code rulebench languages}), classes implementing {@link Language}, or both.
 *
 * <pre>{@code
 * @Grammar({"aNbN", "dyck"})
 * @Grammar(type = MyLanguage.class)
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Grammar {

  /** Language names, e.g. {@code aNbN}; found through {@code ServiceLoader}. */
  String[] value() default {};

  /** Language classes; each needs a public no-argument constructor. */
  Class<? extends Language>[] type() default {};
}
