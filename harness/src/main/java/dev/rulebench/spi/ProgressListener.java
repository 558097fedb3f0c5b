package dev.rulebench.spi;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.trial.Trial;
import java.time.Duration;
import java.util.List;

/** Hears how a run is going: the command line and the Maven plugin print it. */
public interface ProgressListener {

  ProgressListener NONE = new ProgressListener() {};

  /** Forwards every event to each listener, in order. */
  static ProgressListener all(List<ProgressListener> listeners) {
    List<ProgressListener> copy = List.copyOf(listeners);
    return new ProgressListener() {
      @Override
      public void started(Trial trial, long plannedSteps) {
        copy.forEach(l -> l.started(trial, plannedSteps));
      }

      @Override
      public void stepped(Trial trial, long step, long plannedSteps, int epoch, double loss, Duration elapsed,
          Duration remaining) {
        copy.forEach(l -> l.stepped(trial, step, plannedSteps, epoch, loss, elapsed, remaining));
      }

      @Override
      public void resumed(Trial trial, long step) {
        copy.forEach(l -> l.resumed(trial, step));
      }

      @Override
      public void checkpointDiscarded(Trial trial, String reason) {
        copy.forEach(l -> l.checkpointDiscarded(trial, reason));
      }

      @Override
      public void validated(Trial trial, EvaluationPoint point) {
        copy.forEach(l -> l.validated(trial, point));
      }

      @Override
      public void finished(Trial trial, RunResult result) {
        copy.forEach(l -> l.finished(trial, result));
      }

      @Override
      public void failed(Trial trial, Throwable error) {
        copy.forEach(l -> l.failed(trial, error));
      }
    };
  }

  /** The run continues from its verified checkpoint at this step. */
  default void resumed(Trial trial, long step) {}

  /** A checkpoint was not trusted, for this reason, and deleted: the run trains from the start. */
  default void checkpointDiscarded(Trial trial, String reason) {}

  /** Training is about to start; early stopping may end it before the planned steps. */
  default void started(Trial trial, long plannedSteps) {}

  /**
   * After every optimizer step.
   *
   * @param remaining estimated from the mean step time so far
   */
  default void stepped(Trial trial, long step, long plannedSteps, int epoch, double loss, Duration elapsed,
      Duration remaining) {}

  default void validated(Trial trial, EvaluationPoint point) {}

  default void finished(Trial trial, RunResult result) {}

  /** The run ended without a result (diverged, cancelled or crashed); release what it held. */
  default void failed(Trial trial, Throwable error) {}
}
