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
 * with the keys that would have been accepted. A numeric key may declare its {@link Range}; an
 * override outside it is refused with the key, the value and the range.
 */
public final class TypedConfig implements java.io.Serializable {

  private static final long serialVersionUID = 1L;


  private final Map<String, Object> values;
  private final Map<String, Range> ranges;

  private TypedConfig(Map<String, Object> values, Map<String, Range> ranges) {
    this.values = Collections.unmodifiableMap(values);
    this.ranges = Collections.unmodifiableMap(ranges);
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
   * @throws ConfigException for an unknown key, a value that does not parse as the default's type or
   *     a value outside the key's range
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
      Object value = parse(key, override.getValue(), current.getClass(), owner);
      Range range = ranges.get(key);
      if (range != null && !range.contains(((Number) value).doubleValue())) {
        throw new ConfigException("value '" + override.getValue().trim() + "' of '" + key + "' for " + owner
            + " is out of range: it must be " + range.describe());
      }
      merged.put(key, value);
    }
    return new TypedConfig(merged, ranges);
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
    private final Map<String, Range> ranges = new LinkedHashMap<>();

    /** A numeric key whose overrides must lie in {@code range}; the default must too. */
    public Builder put(String key, Number value, Range range) {
      put(key, value);
      if (!range.contains(value.doubleValue())) {
        throw new IllegalArgumentException("the default " + value + " of '" + key + "' is not " + range.describe());
      }
      ranges.put(key, range);
      return this;
    }

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
      return new TypedConfig(new LinkedHashMap<>(values), new LinkedHashMap<>(ranges));
    }
  }
}
