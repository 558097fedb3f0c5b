package dev.rulebench.config;

/** A configuration key or value that cannot be used; the message says what and how to fix it. */
public class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
