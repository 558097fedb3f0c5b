package dev.rulebench.engine.discovery;

import dev.rulebench.api.Architecture;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.NamedServices;
import dev.rulebench.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/** {@code @Architecture} (repeatable): architectures by name or class, with their overrides checked. */
final class ArchitectureReader {

  private final NamedServices<ModelArchitecture> architectures;
  private final DiscoveryIssueReporter issues;

  ArchitectureReader(NamedServices<ModelArchitecture> architectures, DiscoveryIssueReporter issues) {
    this.architectures = architectures;
    this.issues = issues;
  }

  List<ArchitectureChoice> read(Class<?> suiteClass, SuiteProblems problems) {
    List<Architecture> declared = AnnotationSupport.findRepeatableAnnotations(suiteClass, Architecture.class);
    if (declared.isEmpty()) {
      problems.add("@Architecture", "the suite names no architecture",
          "add @Architecture(\"transformer\") (repeat it for more), or @Architecture(type = YourArchitecture.class)");
      return List.of();
    }
    warnAboutRepeats(suiteClass);
    List<ArchitectureChoice> choices = new ArrayList<>();
    for (Architecture annotation : declared) {
      String text = describe(annotation);
      boolean named = !annotation.value().isBlank();
      boolean typed = annotation.type() != ModelArchitecture.class;
      if (named == typed) {
        problems.add(text, named ? "it gives both a name and a type" : "it gives neither a name nor a type",
            "give one: @Architecture(\"lstm\") or @Architecture(type = YourArchitecture.class)");
        continue;
      }
      Optional<Map<String, String>> overrides = AnnotationValues.keyValues(annotation.config(), text, "config", problems);
      if (overrides.isEmpty()) {
        continue;
      }
      Optional<ModelArchitecture> architecture;
      String name;
      String missing = "";
      if (typed) {
        architecture = AnnotationValues.instantiate(annotation.type(), text, problems);
        if (architecture.isEmpty()) {
          continue;
        }
        name = architecture.get().name();
      } else {
        name = annotation.value().trim();
        architecture = architectures.find(name);
        if (architecture.isEmpty() && architectures.isEmpty()) {
          // no model implementation at all: discovery goes on, and the runs abort with the reason
          missing = "no model architecture is on the class path, so '" + name + "' cannot be trained: add the"
              + " dependency dev.rulebench:rulebench-models-tf (or register your own architecture in"
              + " META-INF/services/dev.rulebench.model.ModelArchitecture)";
        } else if (architecture.isEmpty()) {
          problems.add(text, "unknown architecture '" + name + "'; known: " + String.join(", ", architectures.names()),
              "use a known name, or register your ModelArchitecture class in"
                  + " META-INF/services/dev.rulebench.model.ModelArchitecture");
          continue;
        }
      }
      if (architecture.isPresent()) {
        try {
          architecture.get().configWith(overrides.get());
        } catch (ConfigException e) {
          problems.add(text, e.getMessage(), "use the keys, value types and ranges listed");
          continue;
        }
      }
      choices.add(new ArchitectureChoice(name, architecture, missing, overrides.get()));
    }
    return choices;
  }

  /** The same {@code @Architecture} twice would be one cell, silently: say so, without failing the suite. */
  private void warnAboutRepeats(Class<?> suiteClass) {
    Map<Architecture, Integer> counts = new LinkedHashMap<>();
    for (Architecture annotation : suiteClass.getAnnotationsByType(Architecture.class)) {
      counts.merge(annotation, 1, Integer::sum);
    }
    counts.forEach((annotation, count) -> {
      if (count > 1) {
        issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "RuleBench suite " + suiteClass.getName() + ": "
            + describe(annotation) + " is declared " + count + " times; its cells run once. Fix: remove the"
            + " repeated annotation.").source(ClassSource.from(suiteClass)).build());
      }
    });
  }

  private static String describe(Architecture annotation) {
    StringBuilder text = new StringBuilder("@Architecture(");
    if (!annotation.value().isBlank()) {
      text.append('"').append(annotation.value()).append('"');
    }
    if (annotation.type() != ModelArchitecture.class) {
      text.append(text.length() > 14 ? ", " : "").append("type = ").append(annotation.type().getSimpleName())
          .append(".class");
    }
    if (annotation.config().length > 0) {
      text.append(text.length() > 14 ? ", " : "").append("config = ")
          .append(Arrays.stream(annotation.config()).map(c -> '"' + c + '"').collect(Collectors.joining(", ", "{", "}")));
    }
    return text.append(')').toString();
  }
}
