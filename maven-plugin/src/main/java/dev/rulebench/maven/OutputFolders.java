package dev.rulebench.maven;

import dev.rulebench.io.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The folders {@code rulebench:run} fills under {@code rulebench.output.dir}, and the rule by which
 * it empties them: only a folder that carries RuleBench's marker file is RuleBench's, and only such
 * a folder is deleted.
 *
 * <p>Why a marker and not file names: the run files' names come from the suites' cell ids, and
 * a user's {@code runs/} may hold JSON files of any name, so no name pattern tells RuleBench's files
 * from a user's for sure. Why refuse rather than skip a folder that is not RuleBench's: keeping the
 * old files and writing beside them would mix stale or foreign results into {@code verify} and the
 * reports; refusing loses nothing and says what to do. An empty folder holds nothing to lose or to
 * mix, so it is adopted.
 */
final class OutputFolders {

  /** The marker file's name: in each folder RuleBench made, and hidden from listings. */
  static final String MARKER = ".rulebench-output";

  /** The folders under the output folder that {@code rulebench:run} makes afresh on every run. */
  static final List<String> NAMES = List.of("runs", "allure-results", "fork");

  private static final String MARKER_TEXT = "Made by rulebench:run (rulebench-maven-plugin): "
      + "this folder is deleted and made again at the start of every run.\n";

  private OutputFolders() {}

  /**
   * Deletes the folders of {@link #NAMES} under the output folder that RuleBench made (they carry
   * its marker) or that are empty. Every folder is looked at before any is deleted, so a refusal
   * leaves all of them as they were.
   *
   * @throws MojoExecutionException naming the folder and the fix, if one holds files and no marker, or is
   *     a file or a link
   */
  static void clear(Path output) throws MojoExecutionException {
    List<Path> folders = new ArrayList<>();
    for (String name : NAMES) {
      folders.add(output.resolve(name));
    }
    for (Path folder : folders) {
      String foreign = foreign(folder);
      if (foreign != null) {
        throw new MojoExecutionException("RuleBench will not delete " + folder + ": " + foreign + ". What it holds may "
            + "be yours, and new results must not mix with it. Set rulebench.output.dir to another folder, or move "
            + "or delete " + folder + " yourself (a folder left by a RuleBench version before the marker: delete "
            + "it, e.g. with mvn clean).");
      }
    }
    for (Path folder : folders) {
      try {
        Folders.delete(folder);
      } catch (IOException | UncheckedIOException e) {
        throw new MojoExecutionException("cannot delete " + folder + ": " + e.getMessage(), e);
      }
    }
  }

  /** Makes the folder, with RuleBench's marker in it, so that the next run may delete it. */
  static Path make(Path folder) throws MojoExecutionException {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
      return folder;
    } catch (IOException e) {
      throw new MojoExecutionException("cannot make " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Why the folder is not RuleBench's to delete, or null if it is: absent, empty, or a real folder
   * (not a link) with the marker.
   */
  private static String foreign(Path folder) throws MojoExecutionException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return "it is a file or a link, not a folder RuleBench made";
    }
    if (Files.isRegularFile(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty() ? null
          : "it holds files RuleBench did not write (it has no " + MARKER + " file)";
    } catch (IOException e) {
      throw new MojoExecutionException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }
}
