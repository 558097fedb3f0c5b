package dev.rulebench.engine.execution;

import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.suite.CellDefinition;
import dev.rulebench.trial.TrainingConfig;
import dev.rulebench.trial.Trial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource.LockMode;

/**
 * Hands runs to the engine's lanes in the order given (tree order, or {@link #longestFirst}),
 * honouring each run's {@link ExclusiveResource}s: a resource held in {@code READ_WRITE} mode admits
 * no other holder, one held in {@code READ} mode admits other readers. A run that cannot take its
 * locks yet waits while later runs go ahead, so GPU runs serialise and CPU runs keep every lane busy.
 *
 * <p>Unlike Jupiter, whose worker thread blocks on a run's lock, admission happens before a run is
 * handed out, so a waiting run never holds a lane. Locks apply only when the executor trains on
 * this JVM's device.
 */
final class RunScheduler {

  private static final long POLL_MILLIS = 100;

  private final List<RunDescriptor> pending;
  private final boolean locksDevice;
  private final BooleanSupplier cancelled;
  private final Map<String, Integer> readers = new HashMap<>();
  private final Map<String, Boolean> writers = new HashMap<>();

  RunScheduler(List<RunDescriptor> runs, boolean locksDevice, BooleanSupplier cancelled) {
    this.pending = new LinkedList<>(runs);
    this.locksDevice = locksDevice;
    this.cancelled = cancelled;
  }

  /**
   * The runs with the longest expected training first, ties in tree order. With several lanes the
   * runs handed out last decide how long the others idle at the end: in tree order the main job's
   * last suite ended on its xLSTM, which trained alone for about half a minute. A run's expected
   * cost is its architecture's {@link dev.rulebench.model.ModelArchitecture#relativeStepCost()}
   * times its steps and the tokens of a step; a run whose trial cannot be built, or whose
   * architecture or language fails to say, costs nothing (the run itself then fails, or runs, as it
   * would in tree order).
   */
  static List<RunDescriptor> longestFirst(List<RunDescriptor> runs) {
    Map<String, Double> stepCosts = new HashMap<>();
    Map<RunDescriptor, Double> costs = new HashMap<>();
    for (RunDescriptor run : runs) {
      costs.put(run, expectedCost(run.cell(), stepCosts));
    }
    // List.sort is stable: equal costs keep tree order
    List<RunDescriptor> ordered = new ArrayList<>(runs);
    ordered.sort(Comparator.comparingDouble((RunDescriptor run) -> costs.get(run)).reversed());
    return ordered;
  }

  private static double expectedCost(CellDefinition cell, Map<String, Double> stepCosts) {
    if (cell.resolved().isEmpty()) {
      return 0;
    }
    Trial trial = cell.resolved().get();
    try {
      double stepCost = stepCosts.computeIfAbsent(trial.architectureClass(),
          name -> trial.newArchitecture().relativeStepCost());
      TrainingConfig training = trial.training();
      int words = cell.language().trainingSize(trial.data());
      int wordsPerStep = Math.min(training.batchSize(), words);
      long steps = training.maxSteps() > 0 ? training.maxSteps()
          : (long) training.epochs() * ((words + training.batchSize() - 1) / training.batchSize());
      return stepCost * steps * wordsPerStep * trial.data().sequenceLength();
    } catch (RuntimeException e) {
      // a user's architecture or language that cannot say: the order is a hint, the run decides
      return 0;
    }
  }

  /** The next run whose locks are free, taking them; empty once none is left or on cancellation. */
  synchronized Optional<RunDescriptor> next() throws InterruptedException {
    while (true) {
      if (cancelled.getAsBoolean() || pending.isEmpty()) {
        return Optional.empty();
      }
      for (Iterator<RunDescriptor> it = pending.iterator(); it.hasNext(); ) {
        RunDescriptor run = it.next();
        if (tryAcquire(resources(run))) {
          it.remove();
          return Optional.of(run);
        }
      }
      // woken by release(), or polls so that cancellation is noticed
      wait(POLL_MILLIS);
    }
  }

  /** Gives a finished run's locks back. */
  synchronized void release(RunDescriptor run) {
    for (ExclusiveResource resource : resources(run)) {
      if (resource.getLockMode() == LockMode.READ_WRITE) {
        writers.remove(resource.getKey());
      } else {
        readers.merge(resource.getKey(), -1, (a, b) -> a + b == 0 ? null : a + b);
      }
    }
    notifyAll();
  }

  private Set<ExclusiveResource> resources(RunDescriptor run) {
    return locksDevice ? run.getExclusiveResources() : Set.of();
  }

  private boolean tryAcquire(Set<ExclusiveResource> resources) {
    for (ExclusiveResource resource : resources) {
      String key = resource.getKey();
      boolean free = resource.getLockMode() == LockMode.READ_WRITE
          ? !writers.containsKey(key) && !readers.containsKey(key)
          : !writers.containsKey(key);
      if (!free) {
        return false;
      }
    }
    for (ExclusiveResource resource : resources) {
      if (resource.getLockMode() == LockMode.READ_WRITE) {
        writers.put(resource.getKey(), true);
      } else {
        readers.merge(resource.getKey(), 1, Integer::sum);
      }
    }
    return true;
  }
}
