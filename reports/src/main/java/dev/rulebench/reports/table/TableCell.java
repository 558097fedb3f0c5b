package dev.rulebench.reports.table;

import dev.rulebench.eval.Statistic;
import java.util.Optional;

/**
 * One metric of one row: what RuleBench measured, the published value beside it, and whether the
 * measured mean lies outside the published value's {@link ReferenceBand}.
 *
 * @param measured mean ± std over the row's runs, empty if no run reported the metric
 * @param reference the published value, empty where the papers have none
 */
public record TableCell(Optional<Statistic> measured, Optional<Statistic> reference) {

  /** True when both values exist and the measured mean lies outside the reference band. */
  public boolean outsideReference() {
    return measured.isPresent() && reference.isPresent()
        && !ReferenceBand.contains(reference.get(), measured.get().mean());
  }
}
