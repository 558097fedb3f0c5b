package dev.rulebench.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ordered set of named, typed values (integer, double, boolean or string), such as an
 * architecture's hyperparameters.
 *
 * <p>Overrides arrive as text (from annotations, the command line or Maven) and are parsed by the
 * type of the default they replace, so an unknown key or a value of the wrong type is reported
 * with the keys that would have been accepted.
 */
public final class TypedConfig implements java.io.Serializable {

  private static final long serialVersionUID = 1L;


  private final Map<String, Object> values;

  private TypedConfig(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Builder builder() {
    return new Builder();
  }

  @JsonCreator
  public static TypedConfig of(Map<String, Object> values) {
    Builder builder = builder();
    values.forEach(builder::put);
    return builder.build();
  }

  /**
   * A copy with some values replaced.
   *
   * @param overrides key to text, e.g. {@code layers=3}
   * @param owner what the keys belong to, for messages, e.g. "architecture lstm"
   * @throws ConfigException for an unknown key or a value that does not parse as the default's type
   */
  public TypedConfig withOverrides(Map<String, String> overrides, String owner) {
    Map<String, Object> merged = new LinkedHashMap<>(values);
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      String key = override.getKey();
      Object current = values.get(key);
      if (current == null) {
        throw new ConfigException("unknown key '" + key + "' for " + owner + "; known keys: "
            + String.join(", ", values.keySet()));
      }
      merged.put(key, parse(key, override.getValue(), current.getClass(), owner));
    }
    return new TypedConfig(merged);
  }

  /** Parses text as a value of the given type, or explains which type was expected. */
  public static Object parse(String key, String text, Class<?> type, String owner) {
    String trimmed = text.trim();
    try {
      if (type == Integer.class) {
        return Integer.valueOf(trimmed);
      }
      if (type == Double.class) {
        return Double.valueOf(trimmed);
      }
      if (type == Boolean.class) {
        if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
          throw new NumberFormatException(trimmed);
        }
        return Boolean.valueOf(trimmed);
      }
      return trimmed;
    } catch (NumberFormatException e) {
      throw new ConfigException("value '" + text + "' of '" + key + "' for " + owner + " is not "
          + typeName(type) + " (example: " + key + "=" + example(type) + ")");
    }
  }

  private static String typeName(Class<?> type) {
    return type == Integer.class ? "an integer" : type == Double.class ? "a number" : "true or false";
  }

  private static String example(Class<?> type) {
    return type == Integer.class ? "3" : type == Double.class ? "0.002" : "true";
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public Object get(String key) {
    Object value = values.get(key);
    if (value == null) {
      throw new ConfigException("no key '" + key + "'; known keys: " + String.join(", ", values.keySet()));
    }
    return value;
  }

  public int intValue(String key) {
    return ((Number) get(key)).intValue();
  }

  public double doubleValue(String key) {
    return ((Number) get(key)).doubleValue();
  }

  public boolean booleanValue(String key) {
    return (Boolean) get(key);
  }

  public String stringValue(String key) {
    return String.valueOf(get(key));
  }

  @JsonValue
  public Map<String, Object> asMap() {
    return values;
  }

  /** A canonical text form (sorted keys), stable across JVMs, for hashing. */
  public String canonical() {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(values).forEach((k, v) -> text.append(k).append('=').append(canonicalValue(v)).append(';'));
    return text.toString();
  }

  private static String canonicalValue(Object value) {
    return value instanceof Double d ? String.format(Locale.ROOT, "%.17g", d) : String.valueOf(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TypedConfig c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** Collects values in order; only integers, doubles, booleans and strings are accepted. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Builder put(String key, Object value) {
      Object normalised = value instanceof Long l ? Integer.valueOf(Math.toIntExact(l))
          : value instanceof Float f ? Double.valueOf(f) : value;
      if (!(normalised instanceof Integer || normalised instanceof Double
          || normalised instanceof Boolean || normalised instanceof String)) {
        throw new IllegalArgumentException("'" + key + "' must be an integer, double, boolean or string, was "
            + (value == null ? "null" : value.getClass().getSimpleName()));
      }
      values.put(key, normalised);
      return this;
    }

    public TypedConfig build() {
      return new TypedConfig(new LinkedHashMap<>(values));
    }
  }
}
