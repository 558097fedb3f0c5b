package dev.rulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliTest {

  /** What one invocation printed and returned. */
  record Outcome(int exitCode, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  static Outcome run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RuleBenchCommand.execute(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void languagesListsEveryLanguageWithItsClassAndRules() {
    Outcome o = run("", "languages");
    assertThat(o.exitCode()).isZero();
    assertThat(o.lines()).hasSize(6);
    assertThat(o.out()).contains("aNbN", "context-free", "R1: equal counts of a and b", "R2: no b before the last a")
        .contains("cs_dyck", "context-sensitive", "bbaN", "regular");
  }

  @Test
  void promptsPrintsTheSetOnePromptPerLine() {
    assertThat(run("", "prompts", "aNbN", "--id").lines())
        .containsExactly("aaaaaaaa", "aaaaaaab", "aaaaaabb", "aaaaabbb", "aaaabbbb");
    assertThat(run("", "prompts", "aNbN", "--ood").lines()).hasSize(251);
    assertThat(run("", "prompts", "dyck", "--ood", "--seed", "3").lines()).hasSize(32).allMatch(l -> l.startsWith(")["));
    assertThat(run("", "prompts", "bbaN", "--id", "--seed", "9").lines())
        .isEqualTo(run("", "prompts", "bbaN", "--id", "--seed", "9").lines());
  }

  @Test
  void samplePrintsExactlyTheRequestedNumberOfMembers() {
    Outcome o = run("", "sample", "aNbNcN", "--count", "17", "--seed", "4");
    assertThat(o.exitCode()).isZero();
    assertThat(o.lines()).hasSize(17).allMatch(l -> l.matches("(a+)(b+)(c+)") && l.length() % 3 == 0);
    Outcome check = run(o.out(), "check", "aNbNcN");
    assertThat(check.lines()).hasSize(17).allMatch(l -> l.endsWith("R1=true\tR2=true\tmember=true"));
  }

  @Test
  void checkJudgesEachLineOfStandardInput() {
    Outcome o = run("aabb\nabab\n\nb b a\n", "check", "aNbN");
    assertThat(o.exitCode()).isZero();
    assertThat(o.lines()).containsExactly(
        "aabb\tR1=true\tR2=true\tmember=true",
        "abab\tR1=true\tR2=false\tmember=false",
        "\tR1=true\tR2=true\tmember=true",
        "bba\tR1=false\tR2=false\tmember=false");
    assertThat(o.err()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown language      | prompts klingon --id        | unknown language 'klingon'",
      "unknown language      | sample klingon --count 3    | unknown language 'klingon'",
      "count zero            | sample aNbN --count 0       | --count must be positive, was 0",
      "count negative        | sample aNbN --count -4      | --count must be positive, was -4",
      "count not a number    | sample aNbN --count many    | many",
      "missing language      | prompts --id                | <language>",
      "missing prompt kind   | prompts aNbN                | --id",
      "both prompt kinds     | prompts aNbN --id --ood     | mutually exclusive",
      "missing count         | sample aNbN                 | --count",
      "missing command       | ''                          | missing command",
      "unknown command       | frobnicate                  | frobnicate",
      "seed zero             | run aNbN --arch ngram --scale smoke --seed 0  | the seed must be positive, was 0",
      "seed negative         | run aNbN --arch ngram --scale smoke --seed -7 | the seed must be positive, was -7",
      "hyperparameter range  | run aNbN --arch ngram --scale smoke --set order=0 | for architecture ngram is out of range: it must be ≥ 1",
      "training range        | run aNbN --arch ngram --scale smoke --train temperature=-1 | for @Training is out of range: it must be > 0",
      "training fraction     | run aNbN --arch ngram --scale smoke --train beta2=1 | it must be in [0, 1)",
      "converging without patience | run aNbN --arch ngram --scale smoke --train stopWhenConverged=true | stopWhenConverged needs patience ≥ 1",
      "convergence at zero   | run aNbN --arch ngram --scale reduced --train convergedWithin=0 | it must be > 0",
      "unknown scale         | run aNbN --arch ngram --scale huge | unknown scale 'huge'; known: smoke, quick, ci, reduced, paper",
      "huge max length       | sample aNbN --count 1 --max-length 2147483647 | --max-length must be in [2, 65536], was 2147483647",
      "max length too short  | sample aNbNcN --count 1 --max-length 2 | --max-length 2 is too short for aNbNcN",
  })
  void badInputAnswersWithOneLineAndExitCodeTwo(String label, String arguments, String mentioned) {
    String[] args = arguments.isBlank() ? new String[0] : arguments.trim().split("\\s+");
    Outcome o = run("", args);
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.out()).isEmpty();
    assertThat(o.err().lines().toList()).hasSize(1).first().asString().startsWith("rulebench: ").contains(mentioned);
  }

  @Test
  void aSymbolOutsideTheAlphabetIsBadInputAndNothingIsPrinted() {
    Outcome o = run("ab\naxb\n", "check", "aNbN");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.out()).isEmpty();
    assertThat(o.err()).isEqualTo("rulebench: line 2: symbol 'x' is not in the alphabet {a, b} of aNbN"
        + System.lineSeparator());
  }

  @Test
  void aCheckpointFolderThatCannotBeWrittenIsBadInputBeforeTraining(@TempDir Path folder) throws Exception {
    Path file = Files.writeString(folder.resolve("a-file"), "not a folder");
    Outcome o = run("", "run", "aNbN", "--arch", "ngram", "--scale", "smoke", "--cache", "off", "--out", folder.resolve("out").toString(),
        "--checkpoint", file.resolve("checkpoints").toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.err().lines().toList()).hasSize(1).first().asString()
        .startsWith("rulebench: --checkpoint: cannot write to " + file.resolve("checkpoints"));
    assertThat(folder.resolve("out")).isEmptyDirectory();
  }

  @Test
  void runWritesOnlyBelowItsOutputFolder(@TempDir Path folder) throws Exception {
    Path out = folder.resolve("deep").resolve("out");
    Outcome o = run("", "run", "aNbN", "--arch", "ngram", "--scale", "smoke", "--cache", "off", "--out", out.toString());
    assertThat(o.exitCode()).as(o.err()).isZero();
    try (var entries = Files.list(folder.resolve("deep"))) {
      assertThat(entries.toList()).containsExactly(out);
    }
  }

  @Test
  void runTakesTheEnginesPathThroughTheResultCache(@TempDir Path folder) throws Exception {
    String[] command = {"run", "aNbN", "--arch", "ngram", "--scale", "smoke", "--out", folder.resolve("out").toString(),
        "--cache-dir", folder.resolve("cache").toString()};
    Outcome trained = run("", command);
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    assertThat(trained.err()).doesNotContain("replayed");
    Outcome replayed = run("", command);
    assertThat(replayed.exitCode()).as(replayed.err()).isZero();
    assertThat(replayed.err()).contains("rulebench: replayed from the cache in " + folder.resolve("cache"));
    assertThat(replayed.out()).isEqualTo(trained.out());
    assertThat(run("", "run", "aNbN", "--arch", "ngram", "--cache", "sometimes", "--out", folder.toString()).err())
        .contains("unknown cache mode 'sometimes'; known: use, refresh, off");
  }

  @Test
  void aRunRecordsTheLowestTestLossPossibleAndHowFarAboveItItEnded(@TempDir Path folder) throws Exception {
    Path out = folder.resolve("out");
    assertThat(run("", "run", "aNbN", "--arch", "ngram", "--scale", "smoke", "--cache", "off", "--out", out.toString()).exitCode()).isZero();
    Path file;
    try (var files = Files.list(out)) {
      file = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    dev.rulebench.api.RunResult result = dev.rulebench.config.Json.read(file, dev.rulebench.api.RunResult.class);
    // smoke: words of at most 16 symbols, n uniform in 1…8, 17 targets per sequence with PAD
    assertThat(result.optimalTestLoss()).isCloseTo(Math.log(8) / 17, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(result.excessTestLoss()).isEqualTo(result.paperMetrics().testLoss() - result.optimalTestLoss())
        .isGreaterThan(-1e-9);
    assertThat(Files.readString(file)).contains("\"optimalTestLoss\"", "\"excessTestLoss\"", "\"resumedFromStep\"");
  }

  @Test
  void aRunThatConvergesStopsAndSaysSo(@TempDir Path folder) throws Exception {
    Path out = folder.resolve("out");
    // a tolerance no run can miss: the first validation (step 8) counts as converged
    assertThat(run("", "run", "aNbN", "--arch", "ngram", "--scale", "smoke", "--cache", "off", "--out", out.toString(),
        "--train", "stopWhenConverged=true", "--train", "patience=1", "--train", "convergedWithin=100").exitCode())
        .isZero();
    Path file;
    try (var files = Files.list(out)) {
      file = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    dev.rulebench.api.RunResult result = dev.rulebench.config.Json.read(file, dev.rulebench.api.RunResult.class);
    assertThat(result.stopReason()).startsWith("converged: test loss ").contains("within 10000.0 % of the optimum")
        .endsWith("at step 8");
    assertThat(result.timings().steps()).isEqualTo(8);
  }

  @Test
  void checkOfAnUnknownLanguageIsBadInput() {
    Outcome o = run("ab\n", "check", "klingon");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.err().lines().toList()).hasSize(1);
  }
}
