package dev.rulebench.result;

import dev.rulebench.config.ConfigException;
import java.util.Locale;

/** How runs use the result cache ({@code rulebench.cache}). */
public enum CacheMode {

  /** Replay a stored result when there is one; store every new result. */
  USE,

  /** Train every run again and overwrite the stored results. */
  REFRESH,

  /** Neither read nor write the cache. */
  OFF;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean reads() {
    return this == USE;
  }

  public boolean writes() {
    return this != OFF;
  }

  public static CacheMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("unknown cache mode '" + text + "'; known: use, refresh, off");
    }
  }
}
