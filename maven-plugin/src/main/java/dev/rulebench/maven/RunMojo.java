package dev.rulebench.maven;

import dev.rulebench.api.Constants;
import dev.rulebench.maven.fork.ForkClasspath;
import dev.rulebench.maven.fork.ForkedJvm;
import dev.rulebench.maven.fork.SparkModuleOptions;
import dev.rulebench.maven.fork.SuiteForks;
import dev.rulebench.maven.forked.ForkSettings;
import dev.rulebench.maven.summary.RunSummary;
import dev.rulebench.maven.summary.SummaryBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs the project's RuleBench suites: launches the JUnit Platform with the {@code rulebench}
 * engine in a forked JVM on the test class path, streams its progress, and writes
 * {@code summary.json} beside the run results. It never fails the build itself: that is
 * {@code rulebench:verify}'s job, so {@code report} and {@code baseline} still see every result.
 *
 * <p>A JVM that dies (a native crash in TensorFlow, {@code System.exit} in a suite) takes only the
 * suite it was running along: that suite is marked crashed with the reason, and a fresh JVM runs
 * the suites left.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class RunMojo extends SkippableMojo {

  /** Plugin keys under {@code rulebench.} that are not engine configuration parameters. */
  private static final Set<String> PLUGIN_KEYS = Set.of("rulebench.skip", "rulebench.suites", "rulebench.tags",
      "rulebench.excludeTags", "rulebench.jvmArgs", "rulebench.forkTimeout", "rulebench.allure",
      "rulebench.allure.html", "rulebench.baseline.dir", "rulebench.baseline.sigmas", "rulebench.baseline.tolerances",
      "rulebench.verify.failOnMissingBaseline");

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  /**
   * Which suites, comma-separated: class names or simple names, {@code *} as a wildcard, e.g.
   * {@code ANbNSuite,*MainTable*}. Default: every suite in the test classes.
   */
  @Parameter(property = "rulebench.suites")
  private String suites;

  /** A JUnit tag expression suites or checks must match, e.g. {@code smoke | nightly}. */
  @Parameter(property = "rulebench.tags")
  private String tags;

  /** A JUnit tag expression that leaves suites or checks out. */
  @Parameter(property = "rulebench.excludeTags")
  private String excludeTags;

  /** {@code smoke}, {@code quick} or {@code paper}: overrides every suite's own scale. */
  @Parameter(property = Constants.SCALE)
  private String scale;

  /** Comma-separated seeds that replace every suite's {@code @Seeds}, e.g. {@code 1} or {@code 42,64}. */
  @Parameter(property = Constants.SEEDS)
  private String seeds;

  /** Runs training at once in the fork (default 1). */
  @Parameter(property = Constants.PARALLELISM)
  private String parallelism;

  /** {@code auto}, {@code cpu} or {@code gpu} (default auto). */
  @Parameter(property = Constants.DEVICE)
  private String device;

  /** {@code use}, {@code refresh} or {@code off}: the result cache (default use). */
  @Parameter(property = Constants.CACHE)
  private String cache;

  /** The result cache's folder (default {@code ~/.cache/rulebench}). */
  @Parameter(property = Constants.CACHE_DIR)
  private String cacheDirectory;

  /** {@code true} to checkpoint every run and resume interrupted ones. */
  @Parameter(property = Constants.RESUME)
  private String resume;

  /** Where runs train: {@code local}, or a registered executor such as {@code spark}. */
  @Parameter(property = Constants.EXECUTOR)
  private String executor;

  /** {@code false} to silence the progress lines. */
  @Parameter(property = Constants.PROGRESS)
  private String progress;

  /**
   * Where the run results, the summary and the reports go. Each run deletes the {@code runs},
   * {@code allure-results} and {@code fork} folders here that an earlier run made (they carry a
   * {@code .rulebench-output} marker), and stops, deleting nothing, if one holds files without it.
   */
  @Parameter(property = Constants.OUTPUT_DIR, defaultValue = "${project.build.directory}/rulebench")
  private java.io.File outputDirectory;

  /** JVM arguments for the fork, e.g. {@code -Xmx8g}, separated by spaces. */
  @Parameter(property = "rulebench.jvmArgs")
  private String jvmArgs;

  /** Further configuration parameters for the engine and its executor, e.g. {@code rulebench.spark.master}. */
  @Parameter
  private Map<String, String> configurationParameters;

  /** Stops a fork that runs longer than this many seconds and marks its suite crashed (0: no limit). */
  @Parameter(property = "rulebench.forkTimeout", defaultValue = "0")
  private long forkTimeout;

  /** Records Allure results for {@code rulebench:report} (adds allure-junit-platform if the project lacks it). */
  @Parameter(property = "rulebench.allure", defaultValue = "true")
  private boolean allure;

  @Override
  public void execute() throws MojoExecutionException {
    if (skipped("suites")) {
      return;
    }
    Path output = outputDirectory.toPath().toAbsolutePath();
    Path testClasses = Path.of(project.getBuild().getTestOutputDirectory());
    clean(output);
    if (!Files.isDirectory(testClasses)) {
      getLog().info("RuleBench: no test classes in " + testClasses + ", so no suites to run");
      return;
    }
    // suites Surefire runs too would train twice
    SurefireOverlap.warning(project.getBuild().getPluginsAsMap().get("org.apache.maven.plugins:maven-surefire-plugin"),
        testClasses).ifPresent(getLog()::warn);
    // made here with their marker, so that the next run knows them for its own (the engine and Allure fill them)
    Path work = OutputFolders.make(output.resolve("fork"));
    OutputFolders.make(RunResultsFolder.runs(output));
    if (allure) {
      OutputFolders.make(output.resolve("allure-results"));
    }
    List<Path> classpath = classpath();
    ForkedJvm jvm = new ForkedJvm(ForkedJvm.currentJava(), classpath, arguments(classpath), systemProperties(output),
        project.getBasedir().toPath(), work, forkTimeout, terminal(), line -> getLog().info(line));
    ForkSettings settings = new ForkSettings(work.resolve("events-1.jsonl"), List.of(testClasses), List.of(),
        SuiteNames.patterns(suites), blankToEmpty(tags), blankToEmpty(excludeTags), parameters(output));
    getLog().info("RuleBench: running suites in a forked JVM; results go to " + output);
    SuiteForks.Outcome outcome;
    try {
      outcome = new SuiteForks(jvm, line -> getLog().warn(line)).run(settings);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("RuleBench could not run the forked JVM: " + e.getMessage(), e);
    }
    RunSummary summary = SummaryBuilder.build(outcome);
    summary.write(RunSummary.file(output));
    summary.warnings().forEach(warning -> getLog().warn(warning));
    summary.lines().forEach(line -> getLog().info(line));
    int failures = summary.failures().size();
    getLog().info("Summary: " + RunSummary.file(output) + (failures == 0 ? ""
        : "; rulebench:verify will fail the build on the " + failures + " failure" + (failures == 1 ? "" : "s")
        + " above"));
  }

  /**
   * This build's results only: stale run files of a removed suite must not reach verify or the tables.
   * Only folders RuleBench made are deleted; see {@link OutputFolders}.
   */
  private void clean(Path output) throws MojoExecutionException {
    OutputFolders.clear(output);
    try {
      Files.deleteIfExists(RunSummary.file(output));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot delete " + RunSummary.file(output) + ": " + e.getMessage(), e);
    }
  }

  private List<Path> classpath() throws MojoExecutionException {
    List<Path> testClasspath;
    try {
      testClasspath = project.getTestClasspathElements().stream().map(Path::of).toList();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("the test class path is not resolved: " + e.getMessage(), e);
    }
    List<ForkClasspath.Artifact> projectArtifacts = project.getArtifacts().stream().map(RunMojo::artifact).toList();
    List<ForkClasspath.Artifact> pluginArtifacts = plugin.getArtifacts().stream().map(RunMojo::artifact).toList();
    return ForkClasspath.of(testClasspath, projectArtifacts, pluginArtifacts,
        plugin.getPluginArtifact().getFile().toPath(), allure);
  }

  private static ForkClasspath.Artifact artifact(Artifact artifact) {
    return new ForkClasspath.Artifact(artifact.getGroupId(), artifact.getArtifactId(),
        artifact.getFile() == null ? Path.of(artifact.getArtifactId()) : artifact.getFile().toPath());
  }

  /** The user's JVM arguments, after the module options a Spark driver needs when Spark is on the class path. */
  private List<String> arguments(List<Path> classpath) throws MojoExecutionException {
    List<String> arguments = new java.util.ArrayList<>();
    try {
      arguments.addAll(SparkModuleOptions.of(classpath));
    } catch (IllegalStateException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    if (jvmArgs != null && !jvmArgs.isBlank()) {
      arguments.addAll(Arrays.stream(jvmArgs.trim().split("\\s+")).toList());
    }
    return arguments;
  }

  private Map<String, String> systemProperties(Path output) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("java.awt.headless", "true");
    properties.put(Constants.PROGRESS_TERMINAL, Boolean.toString(terminal()));
    if (allure) {
      properties.put("allure.results.directory", output.resolve("allure-results").toString());
    }
    return properties;
  }

  /**
   * The engine's parameters: every {@code rulebench.*} key the user set (as a goal parameter, a
   * {@code -D} property or in {@code configurationParameters}), and the output folder.
   */
  private Map<String, String> parameters(Path output) {
    Map<String, String> parameters = new LinkedHashMap<>();
    session.getUserProperties().forEach((key, value) -> {
      String name = String.valueOf(key);
      if (name.startsWith(Constants.PREFIX) && !PLUGIN_KEYS.contains(name)) {
        parameters.put(name, String.valueOf(value));
      }
    });
    if (configurationParameters != null) {
      parameters.putAll(configurationParameters);
    }
    put(parameters, Constants.SCALE, scale);
    put(parameters, Constants.SEEDS, seeds);
    put(parameters, Constants.PARALLELISM, parallelism);
    put(parameters, Constants.DEVICE, device);
    put(parameters, Constants.CACHE, cache);
    put(parameters, Constants.CACHE_DIR, cacheDirectory);
    put(parameters, Constants.RESUME, resume);
    put(parameters, Constants.EXECUTOR, executor);
    put(parameters, Constants.PROGRESS, progress);
    parameters.put(Constants.OUTPUT_DIR, output.toString());
    parameters.remove(Constants.PROGRESS_TERMINAL);
    return parameters;
  }

  private static void put(Map<String, String> parameters, String key, String value) {
    if (value != null && !value.isBlank()) {
      parameters.put(key, value.trim());
    }
  }

  /** A person watching a terminal, rather than a CI log. */
  private boolean terminal() {
    return System.console() != null && session.getRequest().isInteractiveMode();
  }

  private static String blankToEmpty(String text) {
    return text == null ? "" : text.trim();
  }
}
