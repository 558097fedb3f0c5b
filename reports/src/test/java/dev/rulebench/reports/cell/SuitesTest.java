package dev.rulebench.reports.cell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.reports.RunFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitesTest {

  @TempDir
  Path folder;

  @Test
  void suitesSharingASimpleNameKeepTheirFullNames() {
    assertThat(Suites.fileStems(List.of("a.Main", "b.Main", "c.Other")))
        .isEqualTo(Map.of("a.Main", "a.Main", "b.Main", "b.Main", "c.Other", "Other"));
  }

  @Test
  void runFilesAreReadRecursivelyAndUnreadableOnesAreNamed() throws Exception {
    RunFixtures.write(folder, RunFixtures.mainSuite());
    RunFixtures.write(folder, RunFixtures.mainSuite().subList(0, 1));
    Files.writeString(folder.resolve("broken.json"), "{ not json");
    RunResults read = RunResults.read(folder);
    assertThat(read.runs()).hasSize(RunFixtures.mainSuite().size());
    assertThat(read.problems()).singleElement().asString().contains("broken.json").contains("delete it");
    assertThat(RunResults.read(folder.resolve("absent")).runs()).isEmpty();
  }
}
