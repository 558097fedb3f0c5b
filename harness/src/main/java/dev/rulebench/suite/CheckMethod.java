package dev.rulebench.suite;

import dev.rulebench.api.CellResult;
import dev.rulebench.api.RunResult;
import java.lang.reflect.Method;
import java.util.Set;
import org.junit.platform.engine.TestTag;

/**
 * A {@code @Check} method of a suite.
 *
 * @param method the method
 * @param scope whether it checks one run or a whole cell
 * @param displayName its name in reports
 * @param tags JUnit tags declared on the method
 * @param ordinal its position among the suite's checks
 */
public record CheckMethod(Method method, Scope scope, String displayName, Set<TestTag> tags, int ordinal) {

  /** What a check receives. */
  public enum Scope {
    /** One seed's {@link RunResult}. */
    RUN(RunResult.class),
    /** A cell's {@link CellResult}, across its seeds. */
    CELL(CellResult.class);

    private final Class<?> parameterType;

    Scope(Class<?> parameterType) {
      this.parameterType = parameterType;
    }

    public Class<?> parameterType() {
      return parameterType;
    }
  }

  /** The check's unique-id segment value: the method's name. */
  public String name() {
    return method.getName();
  }
}
