package dev.rulebench.engine.discovery;

import dev.rulebench.suite.SuiteDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * The mistakes found in one suite class: each a {@link DiscoveryIssue} naming the class, the
 * annotation and the fix, reported once.
 */
final class SuiteProblems {

  private final Class<?> suiteClass;
  private final Set<String> messages = new LinkedHashSet<>();
  private final List<DiscoveryIssue> found = new ArrayList<>();

  SuiteProblems(Class<?> suiteClass) {
    this.suiteClass = suiteClass;
  }

  void add(String annotation, String problem, String fix) {
    add(ClassSource.from(suiteClass), annotation, problem, fix);
  }

  void add(TestSource source, String annotation, String problem, String fix) {
    String message = "RuleBench suite " + suiteClass.getName() + ": " + annotation + ": " + problem + ". Fix: " + fix
        + ".";
    if (messages.add(message)) {
      found.add(DiscoveryIssue.builder(Severity.WARNING, message).source(source).build());
    }
  }

  boolean any() {
    return !found.isEmpty();
  }

  Optional<SuiteDefinition> report(DiscoveryIssueReporter reporter, Set<TestTag> tags) {
    found.forEach(reporter::reportIssue);
    return Optional.of(SuiteDefinition.malformed(suiteClass, tags, List.copyOf(messages)));
  }
}
