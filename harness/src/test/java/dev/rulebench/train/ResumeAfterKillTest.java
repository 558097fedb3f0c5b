package dev.rulebench.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.api.RunResult;
import dev.rulebench.cli.RuleBenchCommand;
import dev.rulebench.config.Json;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.io.KillPoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault injection: a run of {@code rulebench run --checkpoint} is killed (the JVM halts, as under
 * {@code kill -9}) at a named point, during a step, a checkpoint write or the result write, and
 * the next invocation must finish with exactly the result of a run that was never interrupted.
 */
class ResumeAfterKillTest {

  private static final String[] RUN = {"run", "aNbN", "--arch", "ngram", "--scale", "smoke", "--seed", "5",
      "--set", "order=2", "--cache", "off"};

  @TempDir
  static Path shared;

  private static RunResult reference;

  @TempDir
  Path folder;

  @BeforeAll
  static void uninterrupted() throws Exception {
    Child child = launch(shared.resolve("out"), shared.resolve("checkpoints"), null);
    assertThat(child.exitCode()).as(child.err()).isZero();
    reference = result(shared.resolve("out"));
    assertThat(reference.resumedFromStep()).isNull();
    assertThat(reference.history()).hasSizeGreaterThan(1);
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {
      KillPoints.STEP + ":3",
      KillPoints.CHECKPOINT_MODEL_WRITTEN + ":1",
      KillPoints.CHECKPOINT_MODEL_WRITTEN + ":2",
      KillPoints.CHECKPOINT_STAGED + ":2",
      KillPoints.CHECKPOINT_RENAMED + ":2",
      KillPoints.FILE_TEMPORARY_WRITTEN + ":1"})
  void aRunKilledOnceFinishesWithTheUninterruptedResult(String killPoint) throws Exception {
    Path out = folder.resolve("out");
    Path checkpoints = folder.resolve("checkpoints");

    Child killed = launch(out, checkpoints, killPoint);
    assertThat(killed.exitCode()).as("the run was killed at " + killPoint).isEqualTo(KillPoints.EXIT_CODE);
    assertThat(resultFiles(out)).as("a killed run leaves no result").isEmpty();

    Child resumed = launch(out, checkpoints, null);
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertSameRun(result(out), reference);
  }

  @Test
  void aRunKilledAtRandomStepsAgainAndAgainFinishesWithTheUninterruptedResult() throws Exception {
    Path out = folder.resolve("out");
    Path checkpoints = folder.resolve("checkpoints");
    Random random = new Random(21);
    long secondValidation = reference.history().get(1).step();
    int kills = 0;
    boolean resumedOnce = false;
    boolean finished = false;
    while (kills < 6 && !finished) {
      // steps count from each attempt's own start; a checkpoint's staging is the middle of a write
      String point = random.nextInt(3) == 0 ? KillPoints.CHECKPOINT_STAGED + ":1"
          : KillPoints.STEP + ":" + (1 + random.nextInt((int) secondValidation));
      Child attempt = launch(out, checkpoints, point);
      resumedOnce |= attempt.err().contains("resumed from its verified checkpoint");
      finished = attempt.exitCode() == 0;
      if (!finished) {
        assertThat(attempt.exitCode()).as("killed at " + point + ": " + attempt.err()).isEqualTo(KillPoints.EXIT_CODE);
        kills++;
      }
    }
    if (!finished) {
      Child last = launch(out, checkpoints, null);
      assertThat(last.exitCode()).as(last.err()).isZero();
    }
    assertThat(kills).as("kills before the run finished").isGreaterThanOrEqualTo(3);
    RunResult result = result(out);
    assertSameRun(result, reference);
    assertThat(resumedOnce).as("some attempt resumed a checkpoint").isTrue();
  }

  @Test
  void aCorruptCheckpointIsReportedDiscardedAndTheRunStartsOver() throws Exception {
    Path out = folder.resolve("out");
    Path checkpoints = folder.resolve("checkpoints");
    // killed after a step past the second validation: one checkpoint, of that validation
    long secondValidation = reference.history().get(1).step();
    assertThat(launch(out, checkpoints, KillPoints.STEP + ":" + (secondValidation + 1)).exitCode())
        .isEqualTo(KillPoints.EXIT_CODE);
    Path counts = checkpoints.resolve(reference.cacheKey()).resolve("step-" + secondValidation).resolve("model")
        .resolve("counts.txt");
    byte[] bytes = Files.readAllBytes(counts);
    bytes[bytes.length / 2] ^= 1;
    Files.write(counts, bytes);

    Child resumed = launch(out, checkpoints, null);
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("whose checksum does not match the manifest: discarded, training from the start");
    RunResult result = result(out);
    assertThat(result.resumedFromStep()).isNull();
    assertSameRun(result, reference);
  }

  @Test
  void aResumedRunRecordsTheStepItResumedFrom() throws Exception {
    Path out = folder.resolve("out");
    Path checkpoints = folder.resolve("checkpoints");
    assertThat(launch(out, checkpoints, KillPoints.CHECKPOINT_RENAMED + ":2").exitCode())
        .isEqualTo(KillPoints.EXIT_CODE);
    Child resumed = launch(out, checkpoints, null);
    RunResult result = result(out);
    assertThat(result.resumedFromStep()).isEqualTo(reference.history().get(1).step());
    assertThat(resumed.err()).contains("resumed from its verified checkpoint at step " + result.resumedFromStep());
    // the run's clock goes on from its checkpoint: the pieces' wall times add up
    List<Double> elapsed = result.history().stream().map(EvaluationPoint::elapsedSeconds).toList();
    assertThat(elapsed).as("validations' elapsed seconds across the resume").isSorted();
    assertThat(result.timings().totalSeconds()).as("total seconds of all pieces")
        .isGreaterThanOrEqualTo(elapsed.get(elapsed.size() - 1))
        .isGreaterThanOrEqualTo(result.timings().trainingSeconds() + result.timings().evaluationSeconds());
  }

  /** Everything a run computes is equal; only wall-clock times may differ. */
  private static void assertSameRun(RunResult actual, RunResult expected) {
    assertThat(withoutTimes(actual.history())).isEqualTo(withoutTimes(expected.history()));
    assertThat(actual.paperMetrics()).isEqualTo(expected.paperMetrics());
    assertThat(actual.bestMetrics()).isEqualTo(expected.bestMetrics());
    assertThat(actual.finalMetrics()).isEqualTo(expected.finalMetrics());
    assertThat(actual.samples()).isEqualTo(expected.samples());
    assertThat(actual.stopReason()).isEqualTo(expected.stopReason());
    assertThat(actual.timings().steps()).isEqualTo(expected.timings().steps());
    assertThat(actual.timings().epochs()).isEqualTo(expected.timings().epochs());
    assertThat(actual.cacheKey()).isEqualTo(expected.cacheKey());
  }

  private static List<EvaluationPoint> withoutTimes(List<EvaluationPoint> history) {
    return history.stream().map(p -> new EvaluationPoint(p.epoch(), p.step(), 0, p.learningRate(), p.trainLoss(),
        p.metrics())).toList();
  }

  private record Child(int exitCode, String err) {}

  private static Child launch(Path out, Path checkpoints, String killPoint) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
    if (killPoint != null) {
      command.add("-D" + KillPoints.PROPERTY + "=" + killPoint);
    }
    command.add(RuleBenchCommand.class.getName());
    command.addAll(List.of(RUN));
    command.addAll(List.of("--out", out.toString(), "--checkpoint", checkpoints.toString()));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the run did not end in 120 s: " + err);
    }
    return new Child(process.exitValue(), err);
  }

  private static List<Path> resultFiles(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }

  private static RunResult result(Path out) throws IOException {
    List<Path> files = resultFiles(out);
    assertThat(files).hasSize(1);
    return Json.read(files.get(0), RunResult.class);
  }
}
