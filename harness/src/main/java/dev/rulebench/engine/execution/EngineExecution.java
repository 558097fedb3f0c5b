package dev.rulebench.engine.execution;

import dev.rulebench.engine.config.EngineConfiguration;
import dev.rulebench.engine.descriptor.CellDescriptor;
import dev.rulebench.engine.descriptor.RuleBenchEngineDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.engine.descriptor.SuiteDescriptor;
import dev.rulebench.io.Messages;
import dev.rulebench.spi.TrialExecutor;
import dev.rulebench.train.TrialExecutors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Runs a discovered tree. Runs are handed out by a {@link RunScheduler} to up to {@code capacity()}
 * lanes of the {@link TrialExecutor} (threads of this engine; the calling thread when there is one
 * lane), longest first when there are several lanes, else in tree order. A lane fires all of a
 * run's events itself, from its start to its finish with the per-seed checks in between, and the
 * lane that finishes a cell's last run runs the cell's checks; so on every thread each test's
 * events nest properly, which listeners that track a "current test" per thread (Allure) rely on.
 * Suites and cells start with their first run and finish after their last.
 *
 * <p>Cancellation (the request's {@link CancellationToken}) stops handing out runs, reaches the
 * trials in training through the executor, and every run not yet started is reported skipped.
 */
public final class EngineExecution {

  static final String CANCELLED = "Execution cancelled";

  private final ExecutionRequest request;
  private final RuleBenchEngineDescriptor engine;
  private final EngineConfiguration configuration;
  private final CancellationToken cancellation;
  private final Events events;
  private final EngineConsole console;
  private final Map<RunDescriptor, RunOutcome> outcomes = new ConcurrentHashMap<>();
  private final Map<CellDescriptor, Integer> runsLeft = new HashMap<>();
  private final Map<SuiteDescriptor, Integer> cellsLeft = new HashMap<>();

  public EngineExecution(ExecutionRequest request) {
    this.request = request;
    this.engine = (RuleBenchEngineDescriptor) request.getRootTestDescriptor();
    this.configuration = engine.configuration();
    this.cancellation = request.getCancellationToken();
    this.events = new Events(request.getEngineExecutionListener());
    this.console = new EngineConsole(System.err, configuration.progress());
  }

  public void execute() {
    events.started(engine);
    failMalformedSuites();
    List<RunDescriptor> runs = runsInOrder();
    TestExecutionResult result = TestExecutionResult.successful();
    if (!runs.isEmpty()) {
      try (TrialExecutor executor = createExecutor()) {
        runAll(runs, executor);
      } catch (RuntimeException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        result = TestExecutionResult.failed(Failures.unwrap(e));
      }
    }
    boolean cancelled = cancellation.isCancellationRequested();
    for (TestDescriptor suite : engine.getChildren()) {
      events.settle(suite, cancelled ? CANCELLED : "RuleBench could not run it: "
          + result.getThrowable().map(Messages::firstLine).orElse("the run ended early"));
    }
    console.summary();
    events.finished(engine, result);
  }

  /** A suite with mistakes in its annotations fails with them; the other suites still run. */
  private void failMalformedSuites() {
    for (TestDescriptor child : engine.getChildren()) {
      if (child instanceof SuiteDescriptor suite && suite.definition().isMalformed()) {
        events.started(suite);
        events.finished(suite, TestExecutionResult.failed(
            new MalformedSuiteException(String.join("\n", suite.definition().mistakes()))));
      }
    }
  }

  private TrialExecutor createExecutor() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return TrialExecutors.load(loader == null ? getClass().getClassLoader() : loader).get(configuration.executor())
        .create(configuration.executorSettings());
  }

  private void runAll(List<RunDescriptor> runs, TrialExecutor executor) throws InterruptedException {
    int lanes = Math.max(1, Math.min(executor.capacity(), runs.size()));
    // one lane keeps tree order, so suites finish one after another as they are listed
    RunScheduler scheduler = new RunScheduler(lanes > 1 ? RunScheduler.longestFirst(runs) : runs,
        executor.trainsOnLocalDevice(), cancellation::isCancellationRequested);
    RunTask task = new RunTask(events, console, executor, configuration, cancellation::isCancellationRequested);
    CellChecks cellChecks = new CellChecks(events, console);
    Runnable lane = () -> drain(scheduler, task, cellChecks);
    if (lanes == 1) {
      lane.run();
      return;
    }
    // created here, after the launcher's listeners have set up, so inheritable thread-locals reach them
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= lanes; i++) {
      Thread thread = new Thread(lane, "rulebench-lane-" + i);
      thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private void drain(RunScheduler scheduler, RunTask task, CellChecks cellChecks) {
    while (true) {
      RunDescriptor run;
      try {
        run = scheduler.next().orElse(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (run == null) {
        return;
      }
      try {
        enter(run);
        outcomes.put(run, task.execute(run));
      } finally {
        scheduler.release(run);
      }
      leave(run, cellChecks);
    }
  }

  /** Starts the run's suite and cell, the first time one of their runs is handed out. */
  private synchronized void enter(RunDescriptor run) {
    CellDescriptor cell = (CellDescriptor) run.getParent().orElseThrow();
    TestDescriptor suite = cell.getParent().orElseThrow();
    if (!events.hasStarted(suite)) {
      events.started(suite);
    }
    if (!events.hasStarted(cell)) {
      events.started(cell);
    }
  }

  /** After a run: the last run of a cell runs its checks and finishes it, and so on up to the suite. */
  private void leave(RunDescriptor run, CellChecks cellChecks) {
    CellDescriptor cell = (CellDescriptor) run.getParent().orElseThrow();
    SuiteDescriptor suite = (SuiteDescriptor) cell.getParent().orElseThrow();
    synchronized (this) {
      if (runsLeft.merge(cell, -1, Integer::sum) > 0) {
        return;
      }
    }
    if (!cancellation.isCancellationRequested()) {
      cellChecks.run(cell, outcomes);
    }
    events.settle(cell, CANCELLED);
    synchronized (this) {
      if (cellsLeft.merge(suite, -1, Integer::sum) > 0) {
        return;
      }
    }
    events.settle(suite, CANCELLED);
  }

  private List<RunDescriptor> runsInOrder() {
    List<RunDescriptor> runs = new ArrayList<>();
    for (TestDescriptor suite : engine.getChildren()) {
      int cells = 0;
      for (TestDescriptor child : suite.getChildren()) {
        if (child instanceof CellDescriptor cell && !cell.runs().isEmpty()) {
          runs.addAll(cell.runs());
          runsLeft.put(cell, cell.runs().size());
          cells++;
        }
      }
      cellsLeft.put((SuiteDescriptor) suite, cells);
    }
    return runs;
  }
}
