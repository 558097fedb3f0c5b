package dev.rulebench.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.maven.fork.ForkClasspath.Artifact;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForkClasspathTest {

  private static final Path PLUGIN = Path.of("plugin.jar");
  private static final Artifact LAUNCHER = artifact("org.junit.platform", "junit-platform-launcher");
  private static final Artifact ENGINE = artifact("org.junit.platform", "junit-platform-engine");
  private static final Artifact ALLURE = artifact("io.qameta.allure", "allure-junit-platform");
  private static final Artifact SLF4J = artifact("org.slf4j", "slf4j-api");
  private static final Artifact NOP = artifact("org.slf4j", "slf4j-nop");
  private static final Artifact HARNESS = artifact("dev.rulebench", "rulebench-harness");
  private static final Artifact JACKSON = artifact("com.fasterxml.jackson.core", "jackson-databind");
  private static final List<Artifact> PLUGIN_ARTIFACTS = List.of(HARNESS, JACKSON, LAUNCHER, ENGINE, ALLURE, SLF4J,
      NOP);

  private static Artifact artifact(String group, String name) {
    return new Artifact(group, name, Path.of(name + ".jar"));
  }

  @Test
  void theForkGetsTheLauncherAndAllureTheProjectLacksThenThePluginJar() {
    List<Path> classpath = ForkClasspath.of(List.of(Path.of("test-classes"), ENGINE.file(), HARNESS.file()),
        List.of(ENGINE, HARNESS), PLUGIN_ARTIFACTS, PLUGIN, true);

    assertThat(classpath).containsExactly(Path.of("test-classes"), ENGINE.file(), HARNESS.file(), LAUNCHER.file(),
        ALLURE.file(), SLF4J.file(), NOP.file(), PLUGIN);
  }

  @Test
  void theProjectsOwnVersionsWinAndItsLoggerStays() {
    Artifact logback = artifact("ch.qos.logback", "logback-classic");
    List<Path> classpath = ForkClasspath.of(List.of(Path.of("test-classes")), List.of(LAUNCHER, ALLURE, SLF4J,
        logback), PLUGIN_ARTIFACTS, PLUGIN, true);

    assertThat(classpath).containsExactly(Path.of("test-classes"), ENGINE.file(), PLUGIN);
  }

  @Test
  void withoutAllureOnlyTheLauncherIsAdded() {
    assertThat(ForkClasspath.of(List.of(), List.of(), PLUGIN_ARTIFACTS, PLUGIN, false))
        .containsExactly(LAUNCHER.file(), ENGINE.file(), PLUGIN);
  }
}
