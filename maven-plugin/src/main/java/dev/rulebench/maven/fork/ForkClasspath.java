package dev.rulebench.maven.fork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The forked JVM's class path: the project's test class path, then what the fork needs and the
 * project lacks (the JUnit Platform launcher, Allure's listener), then the plugin's own jar for the
 * fork's main. An artifact the project already has is never added twice, so the project's versions
 * win.
 */
public final class ForkClasspath {

  /** The launcher and what it needs. */
  private static final Set<String> LAUNCHER_GROUPS = Set.of("org.junit.platform", "org.opentest4j",
      "org.apiguardian", "org.jspecify");

  /** SLF4J providers: Allure logs through SLF4J, and without one SLF4J warns at every start. */
  private static final Set<String> SLF4J_PROVIDERS = Set.of("org.slf4j:slf4j-simple", "org.slf4j:slf4j-nop",
      "org.slf4j:slf4j-jdk14", "org.slf4j:slf4j-reload4j", "ch.qos.logback:logback-classic",
      "org.apache.logging.log4j:log4j-slf4j2-impl");

  private ForkClasspath() {}

  /**
   * A resolved artifact.
   *
   * @param groupId its group
   * @param artifactId its name
   * @param file the jar
   */
  public record Artifact(String groupId, String artifactId, Path file) {
    String ga() {
      return groupId + ":" + artifactId;
    }
  }

  /**
   * @param testClasspath the project's test class path, in order
   * @param projectArtifacts the project's resolved test dependencies
   * @param pluginArtifacts the plugin's resolved dependencies
   * @param pluginJar the plugin's jar (the fork's main)
   * @param allure whether the fork records Allure results
   */
  public static List<Path> of(List<Path> testClasspath, Collection<Artifact> projectArtifacts,
      Collection<Artifact> pluginArtifacts, Path pluginJar, boolean allure) {
    Set<String> present = projectArtifacts.stream().map(Artifact::ga).collect(Collectors.toSet());
    boolean hasProvider = present.stream().anyMatch(SLF4J_PROVIDERS::contains);
    List<Path> classpath = new ArrayList<>(testClasspath);
    for (Artifact artifact : pluginArtifacts) {
      if (present.contains(artifact.ga()) || classpath.contains(artifact.file())) {
        continue;
      }
      boolean wanted = LAUNCHER_GROUPS.contains(artifact.groupId())
          || allure && artifact.groupId().equals("io.qameta.allure")
          || allure && artifact.ga().equals("org.slf4j:slf4j-api")
          || allure && !hasProvider && artifact.ga().equals("org.slf4j:slf4j-nop");
      if (wanted) {
        classpath.add(artifact.file());
      }
    }
    classpath.add(pluginJar);
    return classpath;
  }
}
