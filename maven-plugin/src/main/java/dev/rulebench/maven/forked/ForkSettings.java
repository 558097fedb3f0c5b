package dev.rulebench.maven.forked;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What one forked JVM runs, handed over as a properties file (no command-line length limits, no
 * quoting): where to find suites, which to include, the tag expressions, the engine's
 * configuration parameters and where to write the events.
 *
 * @param events the JSON-lines event file to write
 * @param classpathRoots folders to scan for suites (the test classes), when no class is named
 * @param classes suite classes to run, by name; when given, they replace the roots
 * @param classNamePatterns regular expressions a suite's class name must match (any of them)
 * @param includeTags a JUnit tag expression suites or checks must match, or empty
 * @param excludeTags a JUnit tag expression that excludes, or empty
 * @param parameters the launcher's configuration parameters, e.g. {@code rulebench.scale=smoke}
 */
public record ForkSettings(
    Path events,
    List<Path> classpathRoots,
    List<String> classes,
    List<String> classNamePatterns,
    String includeTags,
    String excludeTags,
    Map<String, String> parameters) {

  private static final String PARAMETER = "parameter.";

  public ForkSettings {
    classpathRoots = List.copyOf(classpathRoots);
    classes = List.copyOf(classes);
    classNamePatterns = List.copyOf(classNamePatterns);
    parameters = Map.copyOf(parameters);
  }

  /** The same run restricted to some suite classes (what is left after a crash). */
  public ForkSettings withClasses(List<String> suiteClasses, Path eventFile) {
    return new ForkSettings(eventFile, classpathRoots, suiteClasses, classNamePatterns, includeTags, excludeTags,
        parameters);
  }

  public void write(Path file) {
    Properties properties = new Properties();
    properties.setProperty("events", events.toString());
    indexed(properties, "root", classpathRoots.stream().map(Path::toString).toList());
    indexed(properties, "class", classes);
    indexed(properties, "pattern", classNamePatterns);
    properties.setProperty("tags.include", includeTags);
    properties.setProperty("tags.exclude", excludeTags);
    parameters.forEach((key, value) -> properties.setProperty(PARAMETER + key, value));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(out, "RuleBench forked JVM settings");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static ForkSettings read(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (key.startsWith(PARAMETER)) {
        parameters.put(key.substring(PARAMETER.length()), properties.getProperty(key));
      }
    }
    return new ForkSettings(Path.of(properties.getProperty("events")),
        indexed(properties, "root").stream().map(Path::of).toList(), indexed(properties, "class"),
        indexed(properties, "pattern"), properties.getProperty("tags.include", ""),
        properties.getProperty("tags.exclude", ""), parameters);
  }

  private static void indexed(Properties properties, String prefix, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      properties.setProperty(prefix + "." + i, values.get(i));
    }
  }

  private static List<String> indexed(Properties properties, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 0; properties.containsKey(prefix + "." + i); i++) {
      values.add(properties.getProperty(prefix + "." + i));
    }
    return values;
  }
}
