package dev.rulebench.engine.execution;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.Json;
import dev.rulebench.engine.config.EngineConfiguration;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.result.CacheLookup;
import dev.rulebench.result.CacheMode;
import dev.rulebench.result.ResultCache;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.spi.TrialExecutor;
import dev.rulebench.trial.Trial;
import java.io.UncheckedIOException;
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
  private final TrialExecutor executor;
  private final ResultCache cache;
  private final CacheMode cacheMode;
  private final Path runsDirectory;
  private final BooleanSupplier cancelled;

  RunTask(Events events, EngineConsole console, TrialExecutor executor, EngineConfiguration configuration,
      BooleanSupplier cancelled) {
    this.events = events;
    this.entries = new ReportEntries(events);
    this.console = console;
    this.checks = new CheckRunner(events, console);
    this.executor = executor;
    this.cache = new ResultCache(configuration.cacheDirectory());
    this.cacheMode = configuration.cacheMode();
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

  /** The run's result, replayed or trained. */
  private RunOutcome obtain(RunDescriptor run, Trial trial) {
    String source = switch (cacheMode) {
      case USE -> "trained";
      case REFRESH -> "refreshed";
      case OFF -> "uncached";
    };
    if (cacheMode.reads()) {
      CacheLookup lookup = lookup(trial);
      if (lookup instanceof CacheLookup.Hit hit) {
        RunResult result = hit.result().withSuite(trial.suite());
        console.replayed(run, result);
        return RunOutcome.success(result, "hit");
      }
      if (lookup instanceof CacheLookup.Corrupt corrupt) {
        console.cacheProblem(run, corrupt.problem() + "; training it again");
        entries.cacheProblem(run, corrupt.problem());
        source = "retrained";
      }
    }
    if (cancelled.getAsBoolean()) {
      throw new TrialCancelledException("cancelled before training started");
    }
    RunResult result = executor.execute(trial, cancelled);
    console.trained();
    if (cacheMode.writes()) {
      store(run, result);
    }
    return RunOutcome.success(result, source);
  }

  /** The cache only saves time: when it cannot be read, the run trains as if nothing were stored. */
  private CacheLookup lookup(Trial trial) {
    try {
      return cache.lookup(trial.cacheKey());
    } catch (UncheckedIOException e) {
      return new CacheLookup.Corrupt("the result cache in " + cache.directory() + " cannot be used: "
          + Failures.summary(e));
    }
  }

  /** A result that cannot be stored is still the run's result: the problem is reported, not fatal. */
  private void store(RunDescriptor run, RunResult result) {
    try {
      cache.store(result);
    } catch (UncheckedIOException e) {
      String problem = "the result could not be stored in the cache: " + Failures.summary(e);
      console.cacheProblem(run, problem);
      entries.cacheProblem(run, problem);
    }
  }
}
