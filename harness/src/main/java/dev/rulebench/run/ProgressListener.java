package dev.rulebench.run;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.EvaluationPoint;
import java.time.Duration;

/** Hears how a run is going: the command line and the Maven plugin print it. */
public interface ProgressListener {

  ProgressListener NONE = new ProgressListener() {};

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
}
