package dev.rulebench.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns {@code rulebench.suites} into the class-name patterns of the JUnit Platform's filter. */
final class SuiteNames {

  private SuiteNames() {}

  /**
   * {@code ANbNSuite,com.x.*Table*}: a name without a dot matches that simple name in any package,
   * one with a dot a whole class name; {@code *} matches any characters.
   */
  static List<String> patterns(String suites) {
    List<String> patterns = new ArrayList<>();
    if (suites == null || suites.isBlank()) {
      return patterns;
    }
    for (String entry : suites.split(",")) {
      String name = entry.trim();
      if (name.isEmpty()) {
        continue;
      }
      String regex = glob(name);
      patterns.add(name.contains(".") ? regex : "(.*\\.)?" + regex);
    }
    return patterns;
  }

  private static String glob(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("\\*", -1)) {
      parts.add(part.isEmpty() ? "" : Pattern.quote(part));
    }
    return String.join(".*", parts);
  }
}
