package dev.rulebench.maven;

import dev.rulebench.engine.Constants;
import dev.rulebench.reports.ReportGenerator;
import dev.rulebench.reports.ReportOptions;
import dev.rulebench.reports.allure.AllureCommandline;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
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
@Mojo(name = "report", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
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
    ReportOptions options = ReportOptions.defaults(RunResultsFolder.runs(output), output)
        .withConsole(new PrintStream(printed, true, StandardCharsets.UTF_8))
        .withLanguageLoader(getClass().getClassLoader())
        .withAllureHtml(allureHtml);
    if (allureHtml) {
      Optional<Path> home = allureCommandline(output);
      options = home.map(options::withAllureCommandline).orElse(options.withAllureHtml(false));
    }
    // the generator prints the tables and where everything went
    ReportGenerator.generate(options);
    printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> getLog().info(line));
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
