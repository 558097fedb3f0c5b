package dev.rulebench.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Implementations of a service interface found through {@link ServiceLoader}, by name: how
 * languages and architectures, built-in or a user's own, are discovered.
 */
public final class NamedServices<T> {

  private final String kind;
  private final String whenEmpty;
  private final Map<String, T> byName;

  private NamedServices(String kind, String whenEmpty, Map<String, T> byName) {
    this.kind = kind;
    this.whenEmpty = whenEmpty;
    this.byName = byName;
  }

  /**
   * @param kind what the services are, for messages ("language")
   * @param whenEmpty the hint when none is registered at all
   */
  public static <T> NamedServices<T> load(
      Class<T> type, Function<T, String> name, String kind, String whenEmpty, ClassLoader loader) {
    Map<String, T> found = new LinkedHashMap<>();
    for (T service : ServiceLoader.load(type, loader)) {
      T previous = found.putIfAbsent(name.apply(service), service);
      if (previous != null && previous.getClass() != service.getClass()) {
        throw new ServiceConfigurationError("two " + kind + "s are named '" + name.apply(service) + "': "
            + previous.getClass().getName() + " and " + service.getClass().getName());
      }
    }
    return new NamedServices<>(kind, whenEmpty, Collections.unmodifiableMap(found));
  }

  public Optional<T> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The service of that name, or an exception whose message lists the known names. */
  public T get(String name) {
    return find(name).orElseThrow(() -> new ConfigException(byName.isEmpty() ? whenEmpty
        : "unknown " + kind + " '" + name + "'; known: " + String.join(", ", names())));
  }

  public List<String> names() {
    return new ArrayList<>(byName.keySet());
  }

  public List<T> all() {
    return List.copyOf(byName.values());
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
