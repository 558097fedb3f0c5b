package dev.rulebench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.platform.commons.annotation.Testable;

/**
 * Marks a class as a rule-extrapolation suite, run by the {@code rulebench} JUnit Platform engine:
 * every language of {@link Grammar} × every {@link Architecture} × every seed of {@link Seeds} is
 * one training run, and the class's {@link Check} methods assert on the results.
 *
 * <pre>{@code
 * @RuleExtrapolation(scale = "quick")
 * @Grammar("aNbN")
 * @Architecture("transformer")
 * @Architecture(value = "lstm", config = "layers=2")
 * @Seeds(count = 3)
 * class ANbNSuite {
 *   @Check
 *   void extrapolatesR1(RunResult run) {
 *     Expect.that(run, Metric.OOD_R1).atLeast(0.5);
 *   }
 * }
 * }</pre>
 *
 * <p>Meta-annotated with {@link Testable}, so IDEs offer to run the class.
 */
@Documented
@Inherited
@Testable
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleExtrapolation {

  /**
   * The suite's default scale: {@code smoke}, {@code quick}, {@code ci}, {@code reduced} or
   * {@code paper}. The configuration
   * key {@code rulebench.scale}, when set, overrides it; when neither is given the scale is
   * {@code quick}.
   */
  String scale() default "";

  /** The suite's name in reports; the class's simple name when empty. */
  String name() default "";
}
