package dev.rulebench.reports.allure;

import dev.rulebench.api.RunResult;
import dev.rulebench.reports.cell.CellKey;
import dev.rulebench.reports.RunFixtures;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestDescriptor.Type;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.opentest4j.AssertionFailedError;

/**
 * Stands in for the {@code rulebench} engine in tests: the same descriptor tree and unique ids
 * (suite → cell → run (seed) → check, and checks on a cell), the {@code allure.parameter} report
 * entries, and three outcomes: a passing check, a failing check (an assertion on a metric), and a
 * run that crashes because its loss diverged.
 */
public final class FixtureEngine implements TestEngine {

  public static final String ID = "rulebench-fixture";

  private final List<RunResult> runs;
  private final long divergedSeed;
  private final Path runsFolder;

  /**
   * @param divergedSeed the seed whose run crashes with a diverged loss, or -1
   * @param runsFolder where the runs' result files are (see {@link RunFixtures#write}); each run
   *     that has one publishes its path, as the engine does
   */
  public FixtureEngine(List<RunResult> runs, long divergedSeed, Path runsFolder) {
    this.runs = List.copyOf(runs);
    this.divergedSeed = divergedSeed;
    this.runsFolder = runsFolder;
  }

  /**
   * Runs the engine under the real {@code allure-junit-platform} listener, which writes its results
   * into the folder, as a suite's build with Allure on the class path does.
   */
  public void launch(Path results) {
    launch(results, false);
  }

  /**
   * @param withRunListener whether {@link AllureRunListener} completes the results while they are
   *     written, as it does on a suite's class path
   */
  public void launch(Path results, boolean withRunListener) {
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
    AllureLifecycle previous = Allure.getLifecycle();
    Allure.setLifecycle(lifecycle); // the listener reaches the current test through the global lifecycle
    try {
      LauncherConfig.Builder config = LauncherConfig.builder()
          .enableTestEngineAutoRegistration(false)
          .enableTestExecutionListenerAutoRegistration(false)
          .enablePostDiscoveryFilterAutoRegistration(false)
          .addTestEngines(this)
          .addTestExecutionListeners(new AllureJunitPlatform(lifecycle));
      if (withRunListener) {
        config.addTestExecutionListeners(new AllureRunListener());
      }
      LauncherFactory.create(config.build()).execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(ID)))
          .build());
    } finally {
      Allure.setLifecycle(previous);
    }
  }

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.rulebench.test");
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    EngineDescriptor engine = new EngineDescriptor(uniqueId, "RuleBench fixture");
    Map<String, Node> suites = new LinkedHashMap<>();
    Map<Node, List<RunResult>> cells = new LinkedHashMap<>();
    Map<String, Node> cellNodes = new LinkedHashMap<>();
    for (RunResult run : runs) {
      CellKey key = CellKey.of(run);
      Node suite = suites.computeIfAbsent(key.suite(), name -> add(engine, "suite", name, name, Type.CONTAINER, null));
      Node cell = cellNodes.computeIfAbsent(key.suite() + "/" + key.id(),
          id -> add(suite, "cell", dev.rulebench.api.CellId.of(run).toString(), key.language() + " × " + key.architecture(), Type.CONTAINER, null));
      cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(run);
      Node seed = add(cell, "seed", Long.toString(run.seed()), "seed " + run.seed(), Type.CONTAINER_AND_TEST, run);
      add(seed, "check", "oodR1", "OOD R1 ≥ 0.6", Type.TEST, run);
    }
    // checks on a cell run after its runs, as in the engine
    cells.forEach((cell, members) ->
        add(cell, "check", "meanOodR1", "mean OOD R1 above chance", Type.TEST, null).cellRuns = members);
    return engine;
  }

  private static Node add(TestDescriptor parent, String type, String value, String name, Type kind, RunResult run) {
    Node node = new Node(parent.getUniqueId().append(type, value), name, kind, run);
    parent.addChild(node);
    return node;
  }

  @Override
  public void execute(ExecutionRequest request) {
    execute(request.getRootTestDescriptor(), request.getEngineExecutionListener());
  }

  private void execute(TestDescriptor descriptor, EngineExecutionListener listener) {
    listener.executionStarted(descriptor);
    TestExecutionResult result = TestExecutionResult.successful();
    if (descriptor instanceof Node node && node.run != null) {
      RunResult run = node.run;
      Map<String, String> identity = identity(run);
      identity.put("rulebench.seed", Long.toString(run.seed()));
      listener.reportingEntryPublished(descriptor, ReportEntry.from(identity));
      parameters(descriptor, listener, run, "seed", Long.toString(run.seed()));
      if (node.getUniqueId().getLastSegment().getType().equals("seed")) {
        if (run.seed() == divergedSeed) {
          result = TestExecutionResult.failed(new IllegalStateException(
              "the training loss became NaN at step 7 (epoch 7, learning rate 0.002), not a finite number: the run diverged;"
                  + " lower the learning rate"));
        } else if (runsFolder != null && Files.isRegularFile(RunFixtures.file(runsFolder, run))) {
          listener.reportingEntryPublished(descriptor, ReportEntry.from(Map.of("rulebench.result",
              RunFixtures.file(runsFolder, run).toAbsolutePath().toString(), "rulebench.configHash", run.configHash())));
        }
      } else if (run.paperMetrics().oodR1() < 0.6) {
        result = TestExecutionResult.failed(new AssertionFailedError("OOD R1 below 0.6", 0.6, run.paperMetrics().oodR1()));
      }
    } else if (descriptor instanceof Node node && node.cellRuns != null) {
      RunResult first = node.cellRuns.get(0);
      Map<String, String> identity = identity(first);
      String seeds = node.cellRuns.stream().map(r -> Long.toString(r.seed())).distinct()
          .collect(java.util.stream.Collectors.joining(","));
      identity.put("rulebench.seeds", seeds);
      listener.reportingEntryPublished(descriptor, ReportEntry.from(identity));
      parameters(descriptor, listener, first, "seeds", seeds);
    }
    if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      for (TestDescriptor child : descriptor.getChildren()) {
        execute(child, listener);
      }
    } else {
      for (TestDescriptor child : descriptor.getChildren()) {
        listener.executionSkipped(child, "its run failed");
      }
    }
    listener.executionFinished(descriptor, result);
  }

  /** The engine's identity entry of a run or check (ReportEntryKeys). */
  private static Map<String, String> identity(RunResult run) {
    Map<String, String> identity = new LinkedHashMap<>();
    identity.put("rulebench.suite", run.suite());
    identity.put("rulebench.cell", dev.rulebench.api.CellId.of(run).toString());
    identity.put("rulebench.language", run.language());
    identity.put("rulebench.architecture", run.architecture());
    identity.put("rulebench.scale", run.scale());
    return identity;
  }

  private static void parameters(TestDescriptor descriptor, EngineExecutionListener listener, RunResult run,
      String seedName, String seedValue) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("language", run.language());
    parameters.put("architecture", run.architecture());
    parameters.put(seedName, seedValue);
    parameters.put("scale", run.scale());
    parameters.forEach((name, value) -> listener.reportingEntryPublished(descriptor,
        ReportEntry.from(Map.of("allure.parameter", name, "value", value))));
  }

  private static final class Node extends AbstractTestDescriptor {
    private final Type type;
    private final RunResult run;
    private List<RunResult> cellRuns;

    Node(UniqueId id, String name, Type type, RunResult run) {
      super(id, name);
      this.type = type;
      this.run = run;
    }

    @Override
    public Type getType() {
      return type;
    }
  }
}
