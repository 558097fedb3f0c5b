package dev.rulebench.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system chores on whole folders, shared by the harness, the reports and the Maven plugin. */
public final class Folders {

  private Folders() {}

  /**
   * Deletes a folder and everything in it, deepest entries first; nothing happens if it does not
   * exist. A failure while listing it surfaces as {@link java.io.UncheckedIOException}.
   */
  public static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
