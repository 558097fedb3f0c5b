package dev.rulebench.engine.discovery;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Values of a suite's annotations that several readers share: key=value lists and classes to create. */
final class AnnotationValues {

  private AnnotationValues() {}

  /** {@code key=value} entries of an annotation attribute, or empty after reporting why not. */
  static Optional<Map<String, String>> keyValues(String[] entries, String annotation, String attribute,
      SuiteProblems problems) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        problems.add(annotation, "'" + entry + "' in " + attribute + " is not key=value", "write e.g. \"layers=3\"");
        return Optional.empty();
      }
      String key = entry.substring(0, equals).trim();
      if (values.put(key, entry.substring(equals + 1).trim()) != null) {
        problems.add(annotation, "'" + key + "' is given twice in " + attribute, "give it once");
        return Optional.empty();
      }
    }
    return Optional.of(values);
  }

  /** A class the suite names, created through its no-argument constructor, or empty after reporting why not. */
  static <T> Optional<T> instantiate(Class<? extends T> type, String annotation, SuiteProblems problems) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return Optional.of(constructor.newInstance());
    } catch (NoSuchMethodException e) {
      problems.add(annotation, type.getName() + " has no constructor without parameters", "add a public one");
    } catch (InvocationTargetException e) {
      problems.add(annotation, type.getName() + " could not be created: " + e.getCause(),
          "make its no-argument constructor succeed");
    } catch (ReflectiveOperationException | RuntimeException e) {
      problems.add(annotation, type.getName() + " could not be created: " + e, "give it a public no-argument"
          + " constructor");
    }
    return Optional.empty();
  }
}
