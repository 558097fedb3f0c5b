package dev.rulebench.models.tf;

/** For tests that set a system property (a RuleBench setting) around their code. */
final class SystemProperties {

  private SystemProperties() {}

  /**
   * Puts a property back as it was: {@code value} is what {@link System#setProperty} returned, null
   * where the property was not set.
   */
  static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
