package dev.rulebench.maven;

import dev.rulebench.api.Constants;
import dev.rulebench.maven.summary.Problem;
import dev.rulebench.maven.summary.RunSummary;
import dev.rulebench.reports.baseline.Baseline;
import dev.rulebench.reports.baseline.BaselineComparison;
import dev.rulebench.reports.baseline.Regression;
import dev.rulebench.reports.baseline.SeedChange;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.cell.RunResults;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Fails the build when model behaviour is not what it should be: a check that failed, a run that
 * failed, a suite whose JVM crashed, a discovery error, or a cell metric that fell outside its
 * baseline band ({@code <baseline dir>/baseline-<scale>.json}), or a seed whose values changed on
 * the kind of machine that made the baseline. Each failure is one line; a regression names the
 * cell, the metric, the baseline band and the actual value.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends SkippableMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** Where {@code rulebench:run} wrote its results. */
  @Parameter(property = Constants.OUTPUT_DIR, defaultValue = "${project.build.directory}/rulebench")
  private File outputDirectory;

  /** The folder of the committed baselines, one file per scale: {@code baseline-<scale>.json}. */
  @Parameter(property = "rulebench.baseline.dir", defaultValue = "${project.basedir}/src/test/rulebench")
  private File baselineDirectory;

  /** Also fail when a cell that ran has no baseline entry (a new cell, or a changed configuration). */
  @Parameter(property = "rulebench.verify.failOnMissingBaseline", defaultValue = "false")
  private boolean failOnMissingBaseline;

  /**
   * Compare every seed exactly where it ran on the kind of machine that made the baseline (a seed
   * reproduces there to the last bit), besides the bands. Turn it off for models whose runs are not
   * deterministic.
   */
  @Parameter(property = "rulebench.verify.exactSeeds", defaultValue = "true")
  private boolean exactSeeds;

  @Override
  public void execute() throws MojoFailureException {
    if (skipped("verification")) {
      return;
    }
    Path output = outputDirectory.toPath().toAbsolutePath();
    if (!RunSummary.exists(output) && !Files.isDirectory(Path.of(project.getBuild().getTestOutputDirectory()))) {
      getLog().info("RuleBench: no test classes in this module, nothing to verify");
      return;
    }
    if (!RunSummary.exists(output)) {
      throw new MojoFailureException("RuleBench: no " + RunSummary.FILE + " in " + output + ": rulebench:run has not"
          + " run in this build. Run mvn verify (rulebench:run is bound to integration-test), or rulebench:run first.");
    }
    RunSummary summary = RunSummary.read(RunSummary.file(output));
    List<String> failures = new ArrayList<>();
    summary.failures().stream().map(Problem::describe).forEach(failures::add);
    summary.abortedRunLines().forEach(line -> getLog().warn("RuleBench: " + line));

    RunResults read = RunResultsFolder.read(output, problem -> getLog().warn(problem));
    List<Cell> cells = Cells.of(read.runs());
    int checkedCells = 0;
    for (String scale : cells.stream().map(Cell::scale).distinct().sorted().toList()) {
      Path file = Baseline.file(baselineDirectory.toPath(), scale);
      if (!Baseline.exists(file)) {
        getLog().info("RuleBench: no baseline for scale " + scale + " (" + file + "), so only the checks gate this"
            + " build; mvn integration-test rulebench:baseline writes one");
        continue;
      }
      Baseline baseline;
      try {
        baseline = Baseline.read(file);
      } catch (IllegalArgumentException e) {
        failures.add(e.getMessage());
        continue;
      }
      BaselineComparison comparison = BaselineComparison.compare(baseline, cells, exactSeeds);
      checkedCells += comparison.checkedCells();
      for (Regression regression : comparison.regressions()) {
        failures.add("regression against " + file.getFileName() + ": " + regression.describe() + runFiles(output,
            read, cells, regression));
      }
      for (SeedChange change : comparison.seedChanges()) {
        failures.add("changed against " + file.getFileName() + ": " + change.describe() + seedFile(output, read,
            cells, change));
      }
      if (comparison.seedsComparedExactly() > 0) {
        getLog().info("RuleBench: " + comparison.seedsComparedExactly() + " run" + (comparison.seedsComparedExactly()
            == 1 ? "" : "s") + " of " + file.getFileName() + " compared seed by seed, exactly (the kind of machine"
            + " that made the baseline)");
      }
      comparison.seedsOnBandsOnly().forEach(reason -> getLog().info("RuleBench: runs of " + file.getFileName()
          + " compared by their bands only: " + reason));
      comparison.partialCells().forEach(line -> getLog().info("RuleBench: " + line));
      for (String unknown : comparison.unknownCells()) {
        if (failOnMissingBaseline) {
          failures.add(unknown);
        } else {
          getLog().warn(unknown);
        }
      }
      comparison.absentCells().forEach(cell -> getLog().info("RuleBench: baseline cell " + cell
          + " did not run in this build"));
    }
    if (!failures.isEmpty()) {
      failures.forEach(line -> getLog().error(line));
      throw new MojoFailureException("RuleBench: " + failures.size() + " failure" + (failures.size() == 1 ? "" : "s")
          + ":\n  " + String.join("\n  ", failures));
    }
    int checks = summary.suites().stream().mapToInt(s -> s.checksPassed()).sum();
    getLog().info("RuleBench verified: " + checks + " check" + (checks == 1 ? "" : "s") + " passed, " + checkedCells
        + " cell" + (checkedCells == 1 ? "" : "s") + " within their baseline");
  }

  /** "; run: runs/&lt;suite&gt;/…-seed2.json in …": where to look at the changed seed. */
  private static String seedFile(Path output, RunResults read, List<Cell> cells, SeedChange change) {
    return cells.stream().filter(cell -> cell.key().equals(change.cell().key()))
        .flatMap(cell -> cell.runs().stream()).filter(run -> run.seed() == change.seed())
        .flatMap(run -> read.file(run).stream())
        .findFirst().map(file -> "; run: " + output.relativize(file.toAbsolutePath()) + " in " + output).orElse("");
  }

  /** "; runs: runs/&lt;suite&gt;/…-seed1.json, …": where to look at the regressed cell's runs. */
  private static String runFiles(Path output, RunResults read, List<Cell> cells, Regression regression) {
    List<String> files = cells.stream().filter(cell -> cell.key().equals(regression.cell().key()))
        .flatMap(cell -> read.files(cell).stream()).map(file -> output.relativize(file.toAbsolutePath()).toString())
        .toList();
    return files.isEmpty() ? "" : "; runs: " + String.join(", ", files) + " in " + output;
  }
}
