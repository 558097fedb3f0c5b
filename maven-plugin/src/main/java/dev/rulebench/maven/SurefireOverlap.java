package dev.rulebench.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * Suites that Maven Surefire would run too: with Surefire's includes matching a suite class and
 * this plugin configured, {@code mvn verify} trains every such suite twice, and a failed check stops
 * the build at {@code surefire:test}, before the reports. The README documents one setup (the
 * plugin; Surefire only for unit tests); this finds the other so the plugin can say so.
 */
final class SurefireOverlap {

  /** How a compiled class names the annotation that makes it a suite. */
  private static final byte[] SUITE_ANNOTATION = "Ldev/rulebench/api/RuleExtrapolation;"
      .getBytes(StandardCharsets.UTF_8);

  private SurefireOverlap() {}

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
          .filter(file -> {
            String source = testClasses.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", ".java");
            return matchers.stream().anyMatch(m -> m.matches(Path.of(source)) || m.matches(Path.of("x", source)));
          })
          .filter(SurefireOverlap::isSuite)
          .map(file -> testClasses.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "")
              .replace('/', '.'))
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

  private static boolean isSuite(Path classFile) {
    try {
      byte[] bytes = Files.readAllBytes(classFile);
      outer:
      for (int i = 0; i <= bytes.length - SUITE_ANNOTATION.length; i++) {
        for (int j = 0; j < SUITE_ANNOTATION.length; j++) {
          if (bytes[i + j] != SUITE_ANNOTATION[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
