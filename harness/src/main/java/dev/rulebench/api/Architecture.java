package dev.rulebench.api;

import dev.rulebench.model.ModelArchitecture;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An architecture a {@link RuleExtrapolation} suite trains, by name or by class, with optional
 * overrides of its hyperparameters. Repeat it for several architectures, or for one architecture
 * under several configurations (each is a cell of its own).
 *
 * <pre>{@code
 * @Architecture("transformer")
 * @Architecture(value = "lstm", config = {"layers=3", "width=64"})
 * @Architecture(type = MyArchitecture.class)
 * }</pre>
 */
@Documented
@Inherited
@Repeatable(Architectures.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Architecture {

  /** The architecture's name, e.g. {@code transformer}; found through {@code ServiceLoader}. */
  String value() default "";

  /** The architecture's class, instead of a name; it needs a public no-argument constructor. */
  Class<? extends ModelArchitecture> type() default ModelArchitecture.class;

  /**
   * Hyperparameter overrides as {@code key=value}, e.g. {@code layers=3}; the keys are those of
   * the architecture's default configuration and each value must parse as its default's type.
   */
  String[] config() default {};
}
