package dev.rulebench.maven;

import dev.rulebench.api.Constants;
import dev.rulebench.eval.Metric;
import dev.rulebench.maven.summary.RunSummary;
import dev.rulebench.reports.baseline.Baseline;
import dev.rulebench.reports.baseline.BaselineCell;
import dev.rulebench.reports.baseline.BaselineMaker;
import dev.rulebench.reports.baseline.Tolerances;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.result.RunEnvironment;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes this build's cell aggregates as the new baseline, one file per scale
 * ({@code <baseline dir>/baseline-<scale>.json}), for the user to commit: each metric of each cell
 * as its table aggregates it, with a tolerance. Cells of suites that did not run in this build keep
 * their old entries. Run it after the suites: {@code mvn integration-test rulebench:baseline}.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractMojo {

  @Parameter(property = "rulebench.skip", defaultValue = "false")
  private boolean skip;

  /** Where {@code rulebench:run} wrote its results. */
  @Parameter(property = Constants.OUTPUT_DIR, defaultValue = "${project.build.directory}/rulebench")
  private File outputDirectory;

  /** The folder of the baselines, one file per scale. */
  @Parameter(property = "rulebench.baseline.dir", defaultValue = "${project.basedir}/src/test/rulebench")
  private File baselineDirectory;

  /**
   * How many standard deviations of the seeds a band spans. Floors apply: with 3 or more seeds one
   * prompt's worth for accuracies and 1 % of the loss; with fewer, 0.10 and 10 %.
   */
  @Parameter(property = "rulebench.baseline.sigmas", defaultValue = "3")
  private double sigmas;

  /** Fixed tolerances per metric key, e.g. {@code ood_r1=0.2,test_loss=0.05}. */
  @Parameter(property = "rulebench.baseline.tolerances")
  private String tolerances;

  /**
   * Metrics whose bands fail only for the worse (a lower accuracy, a higher loss), e.g.
   * {@code id_finished,ood_finished}; every other band fails a change either way.
   */
  @Parameter(property = "rulebench.baseline.oneSided")
  private String oneSided;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("RuleBench baseline skipped (rulebench.skip)");
      return;
    }
    Path output = outputDirectory.toPath().toAbsolutePath();
    List<Cell> cells = RunResultsFolder.cells(output, problem -> getLog().warn(problem));
    if (cells.isEmpty() && !RunSummary.exists(output)) {
      // a module of a reactor that runs no suites (the goal was named on the command line for all)
      getLog().info("RuleBench: no suites ran in this module, no baseline to write");
      return;
    }
    if (cells.isEmpty()) {
      throw new MojoFailureException("RuleBench: no run results in " + RunResultsFolder.runs(output) + " to make a"
          + " baseline from. Run the suites first: mvn integration-test rulebench:baseline");
    }
    Map<String, Baseline> made = new BaselineMaker(tolerances(), RunEnvironment.rulebenchVersion()).make(cells);
    for (Baseline baseline : made.values()) {
      Path file = Baseline.file(baselineDirectory.toPath(), baseline.scale());
      Baseline merged = keepOtherSuites(file, baseline);
      merged.write(file);
      getLog().info("RuleBench: wrote " + file + " (" + baseline.cells().size() + " cell"
          + (baseline.cells().size() == 1 ? "" : "s") + " from this build" + (merged.cells().size()
          > baseline.cells().size() ? ", " + (merged.cells().size() - baseline.cells().size())
          + " kept from suites that did not run" : "") + "); commit it to gate later builds with rulebench:verify");
    }
  }

  /** Suites that did not run in this build keep their baseline cells. */
  private Baseline keepOtherSuites(Path file, Baseline fresh) {
    if (!Baseline.exists(file)) {
      return fresh;
    }
    Baseline old;
    try {
      old = Baseline.read(file);
    } catch (IllegalArgumentException e) {
      getLog().warn(e.getMessage() + "; replacing it");
      return fresh;
    }
    Set<String> ran = fresh.cells().stream().map(BaselineCell::suite).collect(Collectors.toSet());
    List<BaselineCell> cells = new ArrayList<>(fresh.cells());
    old.cells().stream().filter(cell -> !ran.contains(cell.suite())).forEach(cells::add);
    return new Baseline(fresh.schema(), fresh.scale(), fresh.rulebenchVersion(), fresh.created(), fresh.howToUpdate(),
        cells);
  }

  private Tolerances tolerances() throws MojoFailureException {
    Tolerances result;
    try {
      result = new Tolerances(sigmas, Map.of(), Set.of());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("rulebench.baseline.sigmas: " + e.getMessage());
    }
    if (oneSided != null && !oneSided.isBlank()) {
      for (String key : oneSided.split(",")) {
        Metric metric = Metric.byKey(key.trim()).orElseThrow(() -> new MojoFailureException(
            "rulebench.baseline.oneSided: '" + key.trim() + "' is not a metric key such as test_loss, id_r1, id_r2,"
                + " ood_r1, ood_r2_completion, id_finished or ood_finished"));
        result = result.oneSided(metric);
      }
    }
    if (tolerances == null || tolerances.isBlank()) {
      return result;
    }
    for (String entry : tolerances.split(",")) {
      String[] parts = entry.split("=", 2);
      Metric metric = parts.length == 2 ? Metric.byKey(parts[0].trim()).orElse(null) : null;
      if (metric == null) {
        throw new MojoFailureException("rulebench.baseline.tolerances: '" + entry.trim() + "' is not metric=tolerance"
            + " with a metric key such as test_loss, id_r1, id_r2, ood_r1 or ood_r2_completion");
      }
      try {
        result = result.with(metric, Double.parseDouble(parts[1].trim()));
      } catch (IllegalArgumentException e) {
        throw new MojoFailureException("rulebench.baseline.tolerances: '" + entry.trim() + "': " + e.getMessage());
      }
    }
    return result;
  }
}
