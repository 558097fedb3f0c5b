package dev.rulebench.trial;

/** What the learning-rate schedule counts. */
public enum ScheduleUnit {
  /** Once per epoch, as the reference's Lightning set-up does (SPEC §1.7): warm-up is 1000 epochs. */
  EPOCH,
  /** Once per optimizer step. */
  STEP
}
