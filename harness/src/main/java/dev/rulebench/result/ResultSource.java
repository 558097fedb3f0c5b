package dev.rulebench.result;

import dev.rulebench.api.RunResult;
import dev.rulebench.io.Messages;
import dev.rulebench.spi.TrialCancelledException;
import dev.rulebench.spi.TrialExecutor;
import dev.rulebench.trial.Trial;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

/**
 * Where a trial's result comes from, for the engine and the command line alike: replayed from the
 * result cache when the mode reads it and holds the trial, otherwise trained by the executor and
 * stored when the mode writes. The cache only saves time: one it cannot read or write is reported
 * and the run goes on as if nothing were stored.
 */
public final class ResultSource {

  /** What the caller hears about the cache. */
  public interface Listener {

    /** A stored result is used instead of training. */
    void replayed(RunResult result);

    /** The cache could not be used for this trial (it could not be read or written); the run goes on. */
    void cacheProblem(String problem);

    /** The trial's stored entry is damaged: it is trained again. */
    default void corruptEntry(String problem) {
      cacheProblem(problem + "; training it again");
    }
  }

  /**
   * A trial's result and where it came from.
   *
   * @param source {@code hit} (replayed), {@code trained}, {@code refreshed} (trained over a
   *     stored result), {@code retrained} (trained over a damaged entry) or {@code uncached}
   */
  public record Obtained(RunResult result, String source) {

    public boolean replayed() {
      return source.equals("hit");
    }
  }

  private final ResultCache cache;
  private final CacheMode mode;
  private final TrialExecutor executor;

  public ResultSource(ResultCache cache, CacheMode mode, TrialExecutor executor) {
    this.cache = cache;
    this.mode = mode;
    this.executor = executor;
  }

  /** The trial's result, replayed or trained; a replayed result is labelled with the trial's suite. */
  public Obtained obtain(Trial trial, BooleanSupplier cancelled, Listener listener) {
    String source = switch (mode) {
      case USE -> "trained";
      case REFRESH -> "refreshed";
      case OFF -> "uncached";
    };
    if (mode.reads()) {
      CacheLookup lookup = lookup(trial);
      if (lookup instanceof CacheLookup.Hit hit) {
        RunResult result = hit.result().withSuite(trial.suite());
        listener.replayed(result);
        return new Obtained(result, "hit");
      }
      if (lookup instanceof CacheLookup.Corrupt corrupt) {
        listener.corruptEntry(corrupt.problem());
        source = "retrained";
      }
    }
    if (cancelled.getAsBoolean()) {
      throw new TrialCancelledException("cancelled before training started");
    }
    RunResult result = executor.execute(trial, cancelled);
    if (mode.writes()) {
      store(result, listener);
    }
    return new Obtained(result, source);
  }

  private CacheLookup lookup(Trial trial) {
    try {
      return cache.lookup(trial.cacheKey());
    } catch (UncheckedIOException e) {
      return new CacheLookup.Corrupt("the result cache in " + cache.directory() + " cannot be used: " + Messages.firstLine(e));
    }
  }

  /** A result that cannot be stored is still the run's result: the problem is reported, not fatal. */
  private void store(RunResult result, Listener listener) {
    try {
      cache.store(result);
    } catch (UncheckedIOException e) {
      listener.cacheProblem("the result could not be stored in the cache: " + Messages.firstLine(e));
    }
  }
}
