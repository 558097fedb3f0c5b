package dev.rulebench.reports.allure;

import dev.rulebench.api.RunResult;
import dev.rulebench.reports.cell.CellKey;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.nio.file.Path;
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
import org.junit.platform.launcher.Launcher;
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

  /** @param divergedSeed the seed whose run crashes with a diverged loss, or -1 */
  public FixtureEngine(List<RunResult> runs, long divergedSeed) {
    this.runs = List.copyOf(runs);
    this.divergedSeed = divergedSeed;
  }

  /**
   * Runs the engine under the real {@code allure-junit-platform} listener, which writes its results
   * into the folder, as a suite's build with Allure on the class path does.
   */
  public void launch(Path results) {
    AllureJunitPlatform allure = new AllureJunitPlatform(new AllureLifecycle(new FileSystemResultsWriter(results)));
    Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
        .enableTestEngineAutoRegistration(false)
        .enableTestExecutionListenerAutoRegistration(false)
        .enablePostDiscoveryFilterAutoRegistration(false)
        .addTestEngines(this)
        .addTestExecutionListeners(allure)
        .build());
    launcher.execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(ID)))
        .build());
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
    Map<String, Node> cells = new LinkedHashMap<>();
    for (RunResult run : runs) {
      CellKey key = CellKey.of(run);
      Node suite = suites.computeIfAbsent(key.suite(), name -> add(engine, "suite", name, name, Type.CONTAINER, null));
      Node cell = cells.computeIfAbsent(key.suite() + "/" + key.id(), id -> {
        Node created = add(suite, "cell", key.id(), key.language() + " × " + key.architecture(), Type.CONTAINER, null);
        add(created, "check", "meanOodR1", "mean OOD R1 above chance", Type.TEST, null);
        return created;
      });
      Node seed = add(cell, "seed", Long.toString(run.seed()), "seed " + run.seed(), Type.CONTAINER_AND_TEST, run);
      add(seed, "check", "oodR1", "OOD R1 ≥ 0.6", Type.TEST, run);
    }
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
      if (node.getUniqueId().getLastSegment().getType().equals("seed")) {
        for (Map.Entry<String, String> parameter : Map.of("language", run.language(), "architecture",
            run.architecture(), "seed", Long.toString(run.seed())).entrySet()) {
          listener.reportingEntryPublished(descriptor, ReportEntry.from(Map.of("allure.parameter", parameter.getKey(),
              "value", parameter.getValue())));
        }
        if (run.seed() == divergedSeed) {
          result = TestExecutionResult.failed(new IllegalStateException(
              "the training loss became NaN at step 7 (epoch 7, learning rate 0.002): lower the learning rate"));
        }
      } else if (run.paperMetrics().oodR1() < 0.6) {
        result = TestExecutionResult.failed(new AssertionFailedError("OOD R1 below 0.6", 0.6, run.paperMetrics().oodR1()));
      }
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

  private static final class Node extends AbstractTestDescriptor {
    private final Type type;
    private final RunResult run;

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
