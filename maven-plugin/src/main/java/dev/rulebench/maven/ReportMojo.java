package dev.rulebench.maven;

import dev.rulebench.api.Constants;
import dev.rulebench.reports.ReportGenerator;
import dev.rulebench.reports.ReportOptions;
import dev.rulebench.reports.allure.AllureCommandline;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Writes the reports of the runs in the output folder: a table per suite beside the papers' values
 * (Markdown, CSV, LaTeX, HTML; the Markdown is printed), figures, the Allure results' launch files
 * and the Allure HTML report (made by the Allure commandline resolved from Maven Central), and the
 * front page {@code index.html}. Bound to {@code post-integration-test}, so the reports exist even
 * when {@code rulebench:verify} then fails the build.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, requiresDependencyResolution =
    ResolutionScope.TEST, threadSafe = true)
public class ReportMojo extends SkippableMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  private final RepositorySystem repositories;

  /** Where {@code rulebench:run} wrote its results, and where the reports go. */
  @Parameter(property = Constants.OUTPUT_DIR, defaultValue = "${project.build.directory}/rulebench")
  private File outputDirectory;

  /** {@code false} to leave out the Allure HTML report (the slowest part). */
  @Parameter(property = "rulebench.allure.html", defaultValue = "true")
  private boolean allureHtml;

  @Inject
  public ReportMojo(RepositorySystem repositories) {
    this.repositories = repositories;
  }

  @Override
  public void execute() {
    if (skipped("reports")) {
      return;
    }
    Path output = outputDirectory.toPath().toAbsolutePath();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader languages = projectLanguages()) {
      ReportOptions options = ReportOptions.defaults(RunResultsFolder.runs(output), output)
          .withConsole(new PrintStream(printed, true, StandardCharsets.UTF_8))
          .withLanguageLoader(languages)
          .withAllureHtml(allureHtml);
      if (allureHtml) {
        Optional<Path> home = allureCommandline(output);
        options = home.map(options::withAllureCommandline).orElse(options.withAllureHtml(false));
      }
      // the generator prints the tables and where everything went
      ReportGenerator.generate(options);
    } catch (IOException e) {
      getLog().debug("RuleBench: closing the project's class loader: " + e.getMessage());
    }
    printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> getLog().info(line));
  }

  /**
   * The project's test class path over the plugin's classes: the project's own languages (registered
   * for ServiceLoader) give their chance levels to the figures, as the built-in ones do.
   */
  private URLClassLoader projectLanguages() {
    List<URL> urls = new ArrayList<>();
    try {
      for (String element : project.getTestClasspathElements()) {
        urls.add(Path.of(element).toUri().toURL());
      }
    } catch (DependencyResolutionRequiredException | MalformedURLException e) {
      getLog().warn("RuleBench: the project's test class path is not available (" + e.getMessage() + "), so figures"
          + " know only the built-in languages' chance levels");
      urls.clear();
    }
    return new URLClassLoader("rulebench-project-languages", urls.toArray(URL[]::new), getClass().getClassLoader());
  }

  /** The Allure commandline zip, resolved like any artifact (so from Maven Central) and unpacked once. */
  private Optional<Path> allureCommandline(Path output) {
    ArtifactRequest request = new ArtifactRequest(new DefaultArtifact("io.qameta.allure", "allure-commandline", "zip",
        AllureCommandline.VERSION), project.getRemoteProjectRepositories(), null);
    try {
      File zip = repositories.resolveArtifact(session.getRepositorySession(), request).getArtifact().getFile();
      return Optional.of(AllureCommandline.unpack(zip.toPath(), output.resolve("allure-commandline")).home());
    } catch (ArtifactResolutionException | RuntimeException e) {
      getLog().warn("RuleBench: no Allure HTML report, the Allure commandline " + AllureCommandline.VERSION
          + " could not be resolved: " + e.getMessage());
      return Optional.empty();
    }
  }
}
