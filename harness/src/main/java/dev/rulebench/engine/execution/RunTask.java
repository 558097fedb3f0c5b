package dev.rulebench.engine.execution;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.Json;
import dev.rulebench.engine.config.EngineConfiguration;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.result.ResultCache;
import dev.rulebench.result.ResultSource;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.spi.TrialExecutor;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.opentest4j.TestAbortedException;

/**
 * One run, from its start event to its finish event, on the calling lane's thread: replay it from
 * the cache or have the executor train it, store and write the result, publish its entries, then
 * run its per-seed checks.
 */
final class RunTask {

  private final Events events;
  private final ReportEntries entries;
  private final EngineConsole console;
  private final CheckRunner checks;
  private final ResultSource results;
  private final Path runsDirectory;
  private final BooleanSupplier cancelled;

  RunTask(Events events, EngineConsole console, TrialExecutor executor, EngineConfiguration configuration,
      BooleanSupplier cancelled) {
    this.events = events;
    this.entries = new ReportEntries(events);
    this.console = console;
    this.checks = new CheckRunner(events, console);
    this.results = new ResultSource(new ResultCache(configuration.cacheDirectory()), configuration.cacheMode(), executor);
    this.runsDirectory = configuration.runsDirectory();
    this.cancelled = cancelled;
  }

  RunOutcome execute(RunDescriptor run) {
    events.started(run);
    entries.identify(run, run);
    RunOutcome outcome = outcome(run);
    console.runEnded(run, outcome);
    for (CheckDescriptor check : run.checks()) {
      if (outcome.successful()) {
        checks.run(check, outcome.result().orElseThrow(), () -> entries.identify(check, run),
            EngineConsole.label(run));
      } else {
        checks.skip(check, "the run " + outcome.describeFailure());
      }
    }
    events.finished(run, outcome.executionResult());
    return outcome;
  }

  private RunOutcome outcome(RunDescriptor run) {
    Trial trial;
    try {
      trial = run.trial();
    } catch (ConfigException e) {
      return RunOutcome.aborted(new TestAbortedException(e.getMessage()));
    }
    try {
      RunOutcome outcome = obtain(run, trial);
      RunResult result = outcome.result().orElseThrow();
      Path file = runsDirectory.resolve(run.cell().suite()).resolve(run.cell().id() + "-seed" + run.seed() + ".json");
      Json.writeAtomically(file, result);
      entries.result(run, result, outcome.cache(), file);
      return outcome;
    } catch (Throwable thrown) {
      Throwable failure = Failures.unwrap(thrown);
      return failure instanceof TrialCancelledException || failure instanceof TestAbortedException
          ? RunOutcome.aborted(failure) : RunOutcome.failed(failure);
    }
  }

  /** The run's result, replayed or trained ({@link ResultSource}, as the command line gets it). */
  private RunOutcome obtain(RunDescriptor run, Trial trial) {
    ResultSource.Obtained obtained = results.obtain(trial, cancelled, new ResultSource.Listener() {
      @Override
      public void replayed(RunResult result) {
        console.replayed(run, result);
      }

      @Override
      public void cacheProblem(String problem) {
        console.cacheProblem(run, problem);
        entries.cacheProblem(run, problem);
      }

      @Override
      public void corruptEntry(String problem) {
        console.cacheProblem(run, problem + "; training it again");
        entries.cacheProblem(run, problem);
      }
    });
    if (!obtained.replayed()) {
      console.trained();
    }
    return RunOutcome.success(obtained.result(), obtained.source());
  }
}
