package dev.rulebench.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.model.Plugin;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Suites that Maven Surefire would run too: with Surefire's includes matching a suite class and
 * this plugin configured, {@code mvn verify} trains every such suite twice, and a failed check stops
 * the build at {@code surefire:test}, before the reports. The README documents one setup (the
 * plugin; Surefire only for unit tests); this finds the other so the plugin can say so.
 */
final class SurefireOverlap {

  /** Surefire's default includes, when the project states none. */
  static final List<String> DEFAULT_INCLUDES = List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java",
      "**/*TestCase.java");

  /** How a compiled class names the annotation that makes it a suite. */
  private static final String SUITE_ANNOTATION = "Ldev/rulebench/api/RuleExtrapolation;";

  private SurefireOverlap() {}

  /**
   * The warning for a project whose Surefire would run suites too; empty when it would not (no
   * Surefire, Surefire skipped in its configuration, or no include matching a suite).
   */
  static Optional<String> warning(Plugin surefire, Path testClasses) {
    if (surefire == null) {
      return Optional.empty();
    }
    List<Object> configurations = new ArrayList<>();
    configurations.add(surefire.getConfiguration());
    surefire.getExecutions().forEach(execution -> configurations.add(execution.getConfiguration()));
    // an execution's configuration repeats the plugin's
    Set<String> includes = new LinkedHashSet<>();
    for (Object configuration : configurations) {
      if (configuration instanceof Xpp3Dom dom) {
        if (isTrue(dom.getChild("skip")) || isTrue(dom.getChild("skipTests"))) {
          return Optional.empty();
        }
        Xpp3Dom list = dom.getChild("includes");
        if (list != null) {
          Arrays.stream(list.getChildren()).map(Xpp3Dom::getValue).filter(Objects::nonNull).forEach(includes::add);
        }
      }
    }
    List<String> patterns = includes.isEmpty() ? DEFAULT_INCLUDES : List.copyOf(includes);
    List<String> suites = suitesSurefireWouldRun(testClasses, patterns);
    if (suites.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("RuleBench: maven-surefire-plugin's includes (" + String.join(", ", patterns) + ") match "
        + suites.size() + " suite" + (suites.size() == 1 ? "" : "s") + " (" + String.join(", ", suites.subList(0,
        Math.min(3, suites.size()))) + (suites.size() > 3 ? ", …" : "") + "): mvn verify trains them twice, and a"
        + " failed check stops the build at surefire:test, before the reports. Fix: let this plugin run the suites"
        + " and keep them out of Surefire's includes (README, \"Run suites with the rulebench Maven plugin\").");
  }

  /**
   * The suite classes under the test classes folder that one of Surefire's include patterns
   * matches, as {@code com.example.ANbNSuite}.
   *
   * @param includes Surefire's {@code <include>} patterns ({@code **}{@code /*Suite.java}); Ant-style,
   *     matched against the source path of each class; {@code %regex[…]} patterns are left out
   */
  static List<String> suitesSurefireWouldRun(Path testClasses, List<String> includes) {
    List<PathMatcher> matchers = includes.stream().map(String::trim).filter(p -> !p.isEmpty() && !p.startsWith("%"))
        .map(SurefireOverlap::antMatcher).toList();
    if (matchers.isEmpty() || !Files.isDirectory(testClasses)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(testClasses)) {
      return files.filter(file -> file.toString().endsWith(".class") && !file.getFileName().toString().contains("$"))
          // com/example/ANbNSuite: the source path Surefire matches, and the class name
          .map(file -> testClasses.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", ""))
          .filter(name -> matchers.stream().anyMatch(m -> m.matches(Path.of(name + ".java"))
              || m.matches(Path.of("x", name + ".java"))))
          .filter(name -> isSuite(testClasses.resolve(name + ".class")))
          .map(name -> name.replace('/', '.'))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /** Ant's {@code **}{@code /} also matches no folder at all; the caller tries the path with a folder in front. */
  private static PathMatcher antMatcher(String include) {
    String pattern = include.replace('\\', '/');
    if (pattern.endsWith(".class")) {
      pattern = pattern.substring(0, pattern.length() - ".class".length()) + ".java";
    } else if (!pattern.endsWith(".java") && !pattern.endsWith("*")) {
      pattern = pattern + ".java";
    }
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }

  /** A class file names its annotations' descriptors in its constant pool, in (modified) UTF-8. */
  private static boolean isSuite(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(SUITE_ANNOTATION);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isTrue(Xpp3Dom value) {
    return value != null && "true".equalsIgnoreCase(String.valueOf(value.getValue()).trim());
  }
}
