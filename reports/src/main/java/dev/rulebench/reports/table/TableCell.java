package dev.rulebench.reports.table;

import dev.rulebench.eval.Statistic;
import java.util.Optional;

/**
 * One metric of one row: what RuleBench measured, the published value beside it, and whether the
 * measured mean lies outside the published value's {@link ReferenceBand}.
 *
 * <p>A rule metric of a row none of whose runs had a finished completion (one that emitted EOS) on
 * its prompt set is {@linkplain #notMeasured() not measured}: it has no value, which is a different
 * outcome from a measured 0, and is never compared with the paper. Its {@link #finished} fraction
 * (ID or OOD) says why.
 *
 * @param measured mean ± std over the row's runs that measured the metric, empty if none did
 * @param reference the published value, empty where the papers have none
 * @param notMeasured true when the runs reported the metric but none of them measured it
 * @param finished for a rule metric, the row's fraction of finished completions on the metric's
 *     prompt set ({@link dev.rulebench.eval.Metric#finishedBy()}); empty for other metrics
 * @param optimum for the test loss, the lowest test loss possible on the runs' data; empty where
 *     unknown and for other metrics
 * @param referenceOptimum for the test loss, the lowest test loss possible on the papers' data
 *     (words of up to 256 symbols); empty where unknown or the paper has no value
 */
public record TableCell(Optional<Statistic> measured, Optional<Statistic> reference, boolean notMeasured,
    Optional<Statistic> finished, Optional<Double> optimum, Optional<Double> referenceOptimum) {

  public TableCell {
    if (notMeasured && measured.isPresent()) {
      throw new IllegalArgumentException("a cell is either measured or not measured, not both");
    }
  }

  /** A measured cell (or one with no value at all) without optimum or finished fraction. */
  public TableCell(Optional<Statistic> measured, Optional<Statistic> reference) {
    this(measured, reference, false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** True when both values exist and the measured mean lies outside the reference band. */
  public boolean outsideReference() {
    return measured.isPresent() && reference.isPresent()
        && !ReferenceBand.contains(reference.get(), measured.get().mean());
  }

  /**
   * How far the measured mean lies above the optimum, as a fraction of the optimum: 0.062 for a
   * test loss 6.2 % above the lowest possible; empty without a finite mean or a positive optimum.
   */
  public Optional<Double> excess() {
    return relativeExcess(measured, optimum);
  }

  /** The paper's value's {@link #excess()} over the optimum of the papers' data. */
  public Optional<Double> referenceExcess() {
    return relativeExcess(reference, referenceOptimum);
  }

  private static Optional<Double> relativeExcess(Optional<Statistic> value, Optional<Double> optimum) {
    if (value.isEmpty() || optimum.isEmpty() || !(optimum.get() > 0) || !Double.isFinite(optimum.get())
        || !Double.isFinite(value.get().mean())) {
      return Optional.empty();
    }
    return Optional.of((value.get().mean() - optimum.get()) / optimum.get());
  }
}
