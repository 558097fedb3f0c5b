package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.cli.RuleBenchCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rulebench run} with the TensorFlow models on the class path. */
class RunCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RuleBenchCommand.execute(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
        new PrintWriter(err, true));
  }

  @Test
  void trainsOneRunAndWritesItsResult(@TempDir Path folder) throws IOException {
    int code = run("run", "aNbN", "--arch", "lstm", "--scale", "smoke", "--cache", "off", "--steps", "8", "--set", "layers=2",
        "--device", "cpu", "--out", folder.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("aNbN lstm seed 1 (smoke)").contains("8 steps").contains("on cpu");
    try (Stream<Path> files = Files.list(folder)) {
      Path result = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      assertThat(Files.readString(result)).contains("\"architecture\" : \"lstm\"").contains("TensorFlow 2.18")
          .contains("\"layers\" : 2");
    }
  }

  @Test
  void unknownArchitectureIsBadInput(@TempDir Path folder) {
    assertThat(run("run", "aNbN", "--arch", "gpt", "--out", folder.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown architecture 'gpt'").contains("lstm").contains("transformer");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @Test
  void unknownLanguageIsBadInput(@TempDir Path folder) {
    assertThat(run("run", "anbm", "--arch", "lstm", "--out", folder.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown language 'anbm'");
  }

  @Test
  void nonPositiveStepsAreBadInput(@TempDir Path folder) {
    assertThat(run("run", "aNbN", "--arch", "lstm", "--steps", "0", "--out", folder.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--steps must be positive, was 0");
  }

  @Test
  void unknownHyperparameterIsBadInput(@TempDir Path folder) {
    assertThat(run("run", "aNbN", "--arch", "lstm", "--set", "heads=4", "--out", folder.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown key 'heads'").contains("hidden");
  }

  @Test
  void unwritableOutputFolderIsBadInput(@TempDir Path folder) throws IOException {
    Path file = Files.writeString(folder.resolve("a-file"), "not a folder");
    assertThat(run("run", "aNbN", "--arch", "lstm", "--scale", "smoke", "--cache", "off", "--out", file.resolve("runs").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--out: cannot write to " + file.resolve("runs"));
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @Test
  void gpuWithoutGpuFailsClearly(@TempDir Path folder) {
    int code = run("run", "aNbN", "--arch", "lstm", "--scale", "smoke", "--cache", "off", "--device", "gpu", "--out", folder.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("device gpu was requested but TensorFlow sees no usable GPU")
        .contains("-Pgpu");
  }
}
