package dev.rulebench.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunEnvironmentTest {

  @TempDir
  Path folder;

  @Test
  void theProcessorIsItsModelAndAHashOfItsFlags() throws Exception {
    Path cpuinfo = folder.resolve("cpuinfo");
    Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx2\n\nprocessor\t: 1\n"
        + "model name\t: AMD EPYC\nflags\t\t: fpu sse2 avx2\n");
    Path masked = folder.resolve("masked");
    Files.writeString(masked, "model name\t: AMD EPYC\nflags\t\t: fpu sse2\n");

    String cpu = RunEnvironment.readCpu(cpuinfo);
    assertThat(cpu).matches("AMD EPYC \\(flags [0-9a-f]{8}\\)");
    // the same model with fewer instruction sets (a hypervisor masks some) is another machine
    assertThat(RunEnvironment.readCpu(masked)).startsWith("AMD EPYC (flags ").isNotEqualTo(cpu);
    assertThat(RunEnvironment.readCpu(folder.resolve("absent"))).isNull();
    Files.writeString(masked, "processor\t: 0\n");
    assertThat(RunEnvironment.readCpu(masked)).isNull();
  }
}
