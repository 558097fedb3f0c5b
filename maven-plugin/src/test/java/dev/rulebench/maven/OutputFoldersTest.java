package dev.rulebench.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rulebench:run} deletes only the output folders RuleBench made (issue 20): a user's
 * {@code runs/} under {@code rulebench.output.dir} survives and the goal says why it stops.
 */
class OutputFoldersTest {

  @TempDir
  Path folder;

  private Path output;

  @BeforeEach
  void outputFolder() throws Exception {
    output = Files.createDirectories(folder.resolve("out"));
  }

  /** The goal as Maven runs it, on a project without test classes: it clears the output folder, then stops. */
  private void run() throws Exception {
    MavenProject maven = new MavenProject();
    maven.getBuild().setTestOutputDirectory(folder.resolve("project/target/test-classes").toString());
    RunMojo mojo = new RunMojo();
    set(mojo, "project", maven);
    set(mojo, "outputDirectory", output.toFile());
    mojo.execute();
  }

  private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
    Field field = target.getClass().getDeclaredField(name);
    field.setAccessible(true);
    field.set(target, value);
  }

  @Test
  void aUsersRunsFolderWithoutTheMarkerSurvivesAndTheGoalSaysWhyAndWhatToDo() throws Exception {
    Path runs = output.resolve("runs");
    Path mine = runs.resolve("experiments/my-notes.json");
    Files.createDirectories(mine.getParent());
    Files.writeString(mine, "{\"mine\": true}");
    // RuleBench's own fork folder beside it is not deleted either: nothing goes before the refusal
    Path events = OutputFolders.make(output.resolve("fork")).resolve("events-1.jsonl");
    Files.writeString(events, "{}\n");

    assertThatThrownBy(this::run)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("RuleBench will not delete " + runs)
        .hasMessageContaining("no .rulebench-output file")
        .hasMessageContaining("Set rulebench.output.dir to another folder, or move or delete " + runs);

    assertThat(mine).hasContent("{\"mine\": true}");
    assertThat(events).exists();
  }

  @Test
  void foldersRuleBenchMadeAreDeletedAndNothingElseInTheOutputFolder() throws Exception {
    Path run = OutputFolders.make(output.resolve("runs")).resolve("com.example.ASuite/aNbN-lstm-1a2b-seed1.json");
    Files.createDirectories(run.getParent());
    Files.writeString(run, "{}");
    Files.writeString(OutputFolders.make(output.resolve("allure-results")).resolve("1-result.json"), "{}");
    Files.writeString(OutputFolders.make(output.resolve("fork")).resolve("fork-1.args"), "");
    Files.writeString(output.resolve("summary.json"), "{}");
    Path other = output.resolve("my-notes.txt");
    Files.writeString(other, "keep");

    run();

    assertThat(output.resolve("runs")).doesNotExist();
    assertThat(output.resolve("allure-results")).doesNotExist();
    assertThat(output.resolve("fork")).doesNotExist();
    assertThat(output.resolve("summary.json")).doesNotExist();
    assertThat(other).hasContent("keep");
  }

  @Test
  void anEmptyFolderWithoutTheMarkerIsAdopted() throws Exception {
    Files.createDirectories(output.resolve("runs"));

    run();

    assertThat(output.resolve("runs")).doesNotExist();
  }

  @Test
  void aFileWhereAFolderGoesIsLeftAlone() throws Exception {
    Path file = output.resolve("allure-results");
    Files.writeString(file, "not a folder");

    assertThatThrownBy(() -> OutputFolders.clear(output))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("RuleBench will not delete " + file + ": it is a file or a link");
    assertThat(file).hasContent("not a folder");
  }

  @Test
  void aFolderRuleBenchMakesCarriesTheMarkerWithOneLineSayingWhatMadeIt() throws Exception {
    Path runs = OutputFolders.make(output.resolve("runs"));

    assertThat(runs.resolve(OutputFolders.MARKER)).content().startsWith("Made by rulebench:run").hasLineCount(1);
  }
}
