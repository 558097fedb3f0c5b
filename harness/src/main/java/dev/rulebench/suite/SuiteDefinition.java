package dev.rulebench.suite;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestTag;

/**
 * A {@code @RuleExtrapolation} class, read and checked.
 *
 * @param suiteClass the class
 * @param displayName its name in reports
 * @param tags JUnit tags declared on the class
 * @param cells its cells, in declaration order (languages, then architectures)
 * @param checks its check methods
 * @param mistakes what is wrong with its annotations (each also a discovery issue); empty for a
 *     valid suite
 */
public record SuiteDefinition(
    Class<?> suiteClass, String displayName, Set<TestTag> tags, List<CellDefinition> cells, List<CheckMethod> checks,
    List<String> mistakes) {

  public SuiteDefinition {
    tags = Set.copyOf(tags);
    cells = List.copyOf(cells);
    checks = List.copyOf(checks);
    mistakes = List.copyOf(mistakes);
  }

  /**
   * A suite whose annotations are wrong: it has no cells and fails when run, with every mistake in
   * its message, so one typo fails the build without stopping the other suites.
   */
  public static SuiteDefinition malformed(Class<?> suiteClass, Set<TestTag> tags, List<String> mistakes) {
    // the tags stay, so a tag filter selects or excludes the malformed suite as it would the valid one
    return new SuiteDefinition(suiteClass, suiteClass.getSimpleName(), tags, List.of(), List.of(), mistakes);
  }

  public boolean isMalformed() {
    return !mistakes.isEmpty();
  }

  public Optional<CellDefinition> cell(String id) {
    return cells.stream().filter(c -> c.id().toString().equals(id)).findFirst();
  }

  public Optional<CheckMethod> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<CheckMethod> checks(CheckMethod.Scope scope) {
    return checks.stream().filter(c -> c.scope() == scope).toList();
  }
}
