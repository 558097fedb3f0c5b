package dev.rulebench.reports.allure;

import dev.rulebench.io.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Carries Allure's history (trends, retries, flaky marks) from one build to the next: before a
 * report is generated the stored {@code history/} goes into the results, afterwards the report's
 * new {@code history/} is stored. The store lives outside {@code target/} by default, so
 * {@code mvn clean} keeps the trend.
 */
public final class AllureHistory {

  private static final String BUILD_ORDER = "build-order";

  private final Path store;

  /** @param store the folder that keeps the history between builds */
  public AllureHistory(Path store) {
    this.store = store;
  }

  public Path store() {
    return store;
  }

  /** Copies the stored history into the results folder, where the generator reads it. */
  public void restoreInto(Path resultsFolder) {
    Path history = store.resolve("history");
    if (Files.isDirectory(history)) {
      copyFolder(history, resultsFolder.resolve("history"));
    }
  }

  /** Stores the history of a freshly generated report, replacing the previous one. */
  public void saveFrom(Path reportFolder) {
    Path history = reportFolder.resolve("history");
    if (!Files.isDirectory(history)) {
      return;
    }
    Path staged = store.resolve("history.new");
    deleteFolder(staged);
    copyFolder(history, staged);
    Path target = store.resolve("history");
    deleteFolder(target);
    try {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the Allure history in " + target + ": " + e.getMessage(), e);
    }
  }

  /** The number of this build: one more than the last one stored. */
  public long nextBuildOrder() {
    Path file = store.resolve(BUILD_ORDER);
    long last = 0;
    try {
      if (Files.isRegularFile(file)) {
        last = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
      }
    } catch (IOException | NumberFormatException e) {
      last = 0; // a damaged counter only restarts the numbering
    }
    long next = last + 1;
    dev.rulebench.config.Json.writeAtomically(file, Long.toString(next).getBytes(StandardCharsets.UTF_8));
    return next;
  }

  static void copyFolder(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  static void deleteFolder(Path folder) {
    try {
      Folders.delete(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder + ": " + e.getMessage(), e);
    }
  }
}
