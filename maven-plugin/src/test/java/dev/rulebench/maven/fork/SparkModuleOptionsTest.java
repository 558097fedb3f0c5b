package dev.rulebench.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkModuleOptionsTest {

  @TempDir
  Path folder;

  @Test
  void withoutSparkThereIsNothingToAdd() {
    assertThat(SparkModuleOptions.of(List.of(Path.of("harness.jar"), Path.of("test-classes")))).isEmpty();
  }

  @Test
  void theOptionsComeFromTheProjectsSparkLauncherJar() throws Exception {
    // a stand-in for spark-launcher_2.13-4.0.x.jar with Spark's method and a shortened list
    Path source = folder.resolve("src/org/apache/spark/launcher/JavaModuleOptions.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package org.apache.spark.launcher;
        public class JavaModuleOptions {
          public static String[] defaultModuleOptionArray() {
            return new String[] {"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false"};
          }
        }
        """);
    Path classes = folder.resolve("classes");
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString()))
        .isZero();
    Path jar = folder.resolve("spark-launcher_2.13-4.0.4.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("org/apache/spark/launcher/JavaModuleOptions.class"));
      try (OutputStream entry = out) {
        Files.copy(classes.resolve("org/apache/spark/launcher/JavaModuleOptions.class"), entry);
      }
    }

    assertThat(SparkModuleOptions.of(List.of(Path.of("harness.jar"), jar)))
        .containsExactly("--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");
  }
}
