package dev.rulebench.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputPumpTest {

  private static final String FORK_OUTPUT = "[aNbN transformer seed 1] started: up to 24 steps\n"
      + "\r[aNbN transformer seed 1] step 1/24 loss 1.6\u001B[K\r[aNbN transformer seed 1] step 2/24 loss 1.5\u001B[K"
      + "\r\u001B[K[aNbN transformer seed 1] finished\n# SIGSEGV (0xb) at pc=0x1";

  @Test
  void aCiLogGetsCompleteLinesWithoutTheRewrittenLiveLine() throws Exception {
    List<String> lines = new ArrayList<>();
    OutputPump pump = new OutputPump("test", stream(FORK_OUTPUT), lines::add, null);
    pump.start();
    pump.join();

    assertThat(lines).containsExactly("[aNbN transformer seed 1] started: up to 24 steps",
        "[aNbN transformer seed 1] finished", "# SIGSEGV (0xb) at pc=0x1");
    assertThat(pump.tail()).isEqualTo(lines);
  }

  @Test
  void aTerminalGetsTheCharactersUnchangedAndTheTailStillHasTheLines() throws Exception {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>();
    OutputPump pump = new OutputPump("test", stream(FORK_OUTPUT), lines::add,
        new PrintStream(terminal, true, StandardCharsets.UTF_8));
    pump.start();
    pump.join();

    assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo(FORK_OUTPUT);
    assertThat(lines).isEmpty();
    assertThat(pump.tail()).last().isEqualTo("# SIGSEGV (0xb) at pc=0x1");
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
