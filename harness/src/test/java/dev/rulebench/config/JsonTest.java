package dev.rulebench.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {

  @TempDir
  Path folder;

  @Test
  void anAtomicWriteGivesTheFileTheModeAnyNewFileGets() throws Exception {
    Path plain = Files.createFile(folder.resolve("plain.txt"));
    Path written = folder.resolve("result.json");

    Json.writeAtomically(written, Map.of("loss", 0.25));
    Json.writeAtomically(written, Map.of("loss", 0.125));

    assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    assertThat(Json.read(written, Map.class)).containsEntry("loss", 0.125);
    try (var entries = Files.list(folder)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList())
          .as("no temporary file is left").containsExactlyInAnyOrder("plain.txt", "result.json");
    }
  }
}
