package dev.rulebench.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {

  @Test
  void deletesAFolderWithEverythingInIt(@TempDir Path temp) throws Exception {
    Path folder = temp.resolve("run");
    Files.createDirectories(folder.resolve("model/variables"));
    Files.writeString(folder.resolve("model/variables/weights.bin"), "w");
    Files.writeString(folder.resolve("trainer.json"), "{}");

    Folders.delete(folder);

    assertThat(folder).doesNotExist();
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void aMissingFolderIsNoError(@TempDir Path temp) throws Exception {
    Folders.delete(temp.resolve("never-made"));

    assertThat(temp).isEmptyDirectory();
  }
}
