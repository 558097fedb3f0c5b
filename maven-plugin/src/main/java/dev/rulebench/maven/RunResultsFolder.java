package dev.rulebench.maven;

import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.cell.RunResults;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The run results {@code rulebench:run} left in the output folder, as cells. */
final class RunResultsFolder {

  private RunResultsFolder() {}

  static Path runs(Path output) {
    return output.resolve("runs");
  }

  /** The cells of the output folder's runs; a file that cannot be read is reported, never fatal. */
  static List<Cell> cells(Path output, Consumer<String> problems) {
    return Cells.of(read(output, problems).runs());
  }

  /** The output folder's run results, with the file each came from; unreadable files are reported. */
  static RunResults read(Path output, Consumer<String> problems) {
    RunResults read = RunResults.read(runs(output));
    read.problems().forEach(problems);
    return read;
  }
}
