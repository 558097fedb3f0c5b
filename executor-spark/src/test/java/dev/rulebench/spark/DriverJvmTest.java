package dev.rulebench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** The driver JVM's module options: the build passes Spark's list, and a JVM without it is told what to add. */
class DriverJvmTest {

  @Test
  void theTestJvmGetsEveryOptionSparkAsksFor() {
    // the pom copies the list into Surefire's argLine: this fails when a Spark upgrade changes it
    assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
        .containsAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    DriverJvm.requireSparkModuleOptions();
  }

  @Test
  void aJvmWithoutThemIsToldWhichOptionsToAdd() throws IOException, InterruptedException {
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Probe.class.getName())
        .redirectErrorStream(true).start();
    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(output).isEqualTo("this JVM cannot run a Spark driver: java.base/java.lang is not opened; start it with "
        + JavaModuleOptions.defaultModuleOptions() + " (for Surefire, in <argLine>; see docs/spark.md)");
  }

  /** Runs the check in a JVM started without options. */
  public static final class Probe {
    public static void main(String[] args) {
      try {
        DriverJvm.requireSparkModuleOptions();
        System.out.println("passed");
      } catch (RuntimeException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
