package dev.rulebench.engine.execution;

import dev.rulebench.api.CellResult;
import dev.rulebench.api.RunResult;
import dev.rulebench.engine.descriptor.CellDescriptor;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.suite.CellDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a cell's checks on the aggregate of its seeds, once all its runs are done. The aggregate is
 * only honest with every seed, so if a seed failed or was not selected the cell's checks are
 * skipped with the reason.
 */
final class CellChecks {

  private final ReportEntries entries;
  private final CheckRunner checks;

  CellChecks(Events events, EngineConsole console) {
    this.entries = new ReportEntries(events);
    this.checks = new CheckRunner(events, console);
  }

  void run(CellDescriptor cell, Map<RunDescriptor, RunOutcome> outcomes) {
    if (cell.checks().isEmpty()) {
      return;
    }
    Optional<String> missing = missing(cell, outcomes);
    if (missing.isPresent()) {
      cell.checks().forEach(check -> checks.skip(check, missing.get()));
      return;
    }
    CellDefinition definition = cell.definition();
    List<RunResult> runs = new ArrayList<>();
    for (RunDescriptor run : cell.runs()) {
      runs.add(outcomes.get(run).result().orElseThrow());
    }
    runs.sort(Comparator.comparingInt(r -> definition.seeds().indexOf(r.seed())));
    CellResult result = new CellResult(definition.suite(), definition.language().name(),
        definition.architectureName(), definition.scale().key(), runs);
    for (CheckDescriptor check : cell.checks()) {
      checks.run(check, result, () -> entries.identify(check, cell), "[" + result.label() + "]");
    }
  }

  /** Why the cell has no complete aggregate, if it has none. */
  private static Optional<String> missing(CellDescriptor cell, Map<RunDescriptor, RunOutcome> outcomes) {
    List<Long> present = new ArrayList<>();
    for (RunDescriptor run : cell.runs()) {
      RunOutcome outcome = outcomes.get(run);
      if (outcome == null) {
        return Optional.of("seed " + run.seed() + " did not run");
      }
      if (!outcome.successful()) {
        return Optional.of("seed " + run.seed() + " " + outcome.describeFailure());
      }
      present.add(run.seed());
    }
    List<Long> absent = new ArrayList<>(cell.definition().seeds());
    absent.removeAll(present);
    return absent.isEmpty() ? Optional.empty()
        : Optional.of("the cell's aggregate needs every seed, and seeds " + absent + " were not selected");
  }
}
