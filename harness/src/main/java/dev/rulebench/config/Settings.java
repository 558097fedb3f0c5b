package dev.rulebench.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * RuleBench's keys as the code that trains a run reads them (models, observers, progress): the
 * engine's configuration parameters, which JUnit takes from the launcher, then the system
 * properties, then {@code junit-platform.properties}; without an engine (the command line, a
 * benchmark), the system properties alone. So every {@code rulebench.*} key can be set wherever
 * the engine's own keys can, including {@code rulebench.tf.*} and {@code rulebench.tensorboard}.
 *
 * <p>The trial executor installs the parameters when it is created ({@link #install}); they hold
 * for the process, as the keys they replace (native kernels, TensorFlow's thread pools) do.
 */
public final class Settings {

  private static volatile Map<String, String> installed = Map.of();

  private Settings() {}

  /** The engine's {@code rulebench.*} configuration parameters, for every later read in this JVM. */
  public static void install(Map<String, String> parameters) {
    installed = Map.copyOf(new TreeMap<>(parameters));
  }

  /** The installed value, else the system property; blank counts as unset. */
  public static Optional<String> get(String key) {
    String value = installed.get(key);
    if (value == null) {
      value = System.getProperty(key);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** An integer key, or the default when unset. */
  public static int integer(String key, int defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "=" + value.get() + " is not a whole number; set it to one, e.g. " + key + "="
          + defaultValue);
    }
  }

  /** A boolean key ({@code true} or {@code false}, any case), or the default when unset. */
  public static boolean bool(String key, boolean defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    if (value.get().equalsIgnoreCase("true") || value.get().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value.get());
    }
    throw new ConfigException(key + "=" + value.get() + " is not true or false; set it to one of them");
  }
}
