package dev.rulebench.maven.fork;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code --add-opens} list a Spark driver needs on Java 17 ({@code spark-submit} passes it, a
 * plain JVM does not), read from the project's own {@code spark-launcher} jar when the fork's class
 * path has one, so that {@code rulebench.executor=spark} works in the forked JVM without the user
 * copying the list into {@code rulebench.jvmArgs}.
 */
public final class SparkModuleOptions {

  private static final String OPTIONS_CLASS = "org.apache.spark.launcher.JavaModuleOptions";

  private SparkModuleOptions() {}

  /** The options of the first {@code spark-launcher} jar on the class path, or none. */
  public static List<String> of(List<Path> classpath) {
    for (Path entry : classpath) {
      String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
      if (name.startsWith("spark-launcher") && name.endsWith(".jar")) {
        return read(entry);
      }
    }
    return List.of();
  }

  private static List<String> read(Path jar) {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Method options = loader.loadClass(OPTIONS_CLASS).getMethod("defaultModuleOptionArray");
      return Arrays.asList((String[]) options.invoke(null));
    } catch (ReflectiveOperationException | java.io.IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read Spark's JVM module options from " + jar + ": " + e
          + "; pass them with rulebench.jvmArgs", e);
    }
  }
}
