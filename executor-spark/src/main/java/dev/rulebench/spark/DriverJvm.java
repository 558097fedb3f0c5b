package dev.rulebench.spark;

import dev.rulebench.config.ConfigException;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Checks that this JVM can host a Spark driver: Spark reaches into JDK internals and needs the
 * {@code --add-opens} list of {@link JavaModuleOptions}, which {@code spark-submit} passes but a
 * test or Maven JVM does not unless told.
 */
final class DriverJvm {

  /** Packages Spark opens at start-up; checking a few that it uses at once is enough. */
  private static final List<String> OPENED_PACKAGES = List.of("java.lang", "java.nio", "sun.nio.ch", "java.util");

  private DriverJvm() {}

  /**
   * @throws ConfigException naming the options to add, if one of the packages is closed
   */
  static void requireSparkModuleOptions() {
    Module unnamed = DriverJvm.class.getClassLoader().getUnnamedModule();
    for (String pkg : OPENED_PACKAGES) {
      if (!Object.class.getModule().isOpen(pkg, unnamed)) {
        throw new ConfigException("this JVM cannot run a Spark driver: java.base/" + pkg + " is not opened; start it with "
            + JavaModuleOptions.defaultModuleOptions() + " (for Surefire, in <argLine>; see docs/spark.md)");
      }
    }
  }
}
