package dev.rulebench.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashReasonTest {

  @TempDir
  Path folder;

  @Test
  void aNativeCrashNamesTheSignalTheFrameAndTheCrashLog() throws Exception {
    Path log = Files.writeString(folder.resolve("hs_err_pid42.log"), "…");
    List<String> output = List.of(
        "#",
        "# A fatal error has been detected by the Java Runtime Environment:",
        "#",
        "#  SIGSEGV (0xb) at pc=0x00007f, pid=42, tid=43",
        "#",
        "# Problematic frame:",
        "# C  [libtensorflow_cc.so.2+0x1234]   tensorflow::Something+0x10",
        "#");
    assertThat(CrashReason.describe(134, 0, output, Optional.of(log))).isEqualTo(
        "the forked JVM crashed with SIGSEGV in C [libtensorflow_cc.so.2+0x1234] tensorflow::Something+0x10"
            + " (exit code 134); the JVM's crash log is " + log);
  }

  @Test
  void aCrashLogThatWasNotWrittenIsNotNamed() {
    assertThat(CrashReason.describe(3, 0, List.of("training…"), Optional.of(folder.resolve("hs_err_pid7.log"))))
        .isEqualTo("the forked JVM exited with code 3 before it finished (System.exit, or a library that ended the"
            + " process)");
  }

  @Test
  void outOfMemoryTimeoutAndSignalsHaveTheirOwnWords() {
    assertThat(CrashReason.describe(1, 0, List.of("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap"
        + " space"), Optional.empty())).startsWith("the forked JVM ran out of memory (Java heap space)")
        .contains("-Drulebench.jvmArgs=-Xmx8g");
    assertThat(CrashReason.describe(-1, 600, List.of(), Optional.empty()))
        .isEqualTo("the forked JVM took longer than 600 s (rulebench.forkTimeout) and was stopped");
    assertThat(CrashReason.describe(137, 0, List.of(), Optional.empty()))
        .startsWith("the forked JVM was killed by signal 9 (exit code 137");
  }
}
