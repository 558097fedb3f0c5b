package dev.rulebench.maven.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.maven.fork.ForkEvent;
import dev.rulebench.maven.fork.ForkRecord;
import dev.rulebench.maven.fork.SuiteForks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryBuilderTest {

  @TempDir
  Path folder;

  private static ForkEvent event(String event, String kind, String suite, String label, String status, String message,
      String error, Map<String, String> values) {
    return new ForkEvent(event, kind, "[engine:rulebench]/[suite:" + suite + "]/" + label, suite, label, label, status,
        message, error, null, values, 0, 0);
  }

  private static List<ForkEvent> suite(String suite, String... outcomes) {
    List<ForkEvent> events = new ArrayList<>();
    events.add(event("started", "suite", suite, suite, null, null, null, null));
    for (String outcome : outcomes) {
      String[] parts = outcome.split(":", 3);
      String kind = parts[0];
      String status = parts[1];
      String label = kind + "-" + events.size();
      events.add(event("started", kind, suite, label, null, null, null, null));
      if (kind.equals("run") && status.equals("SUCCESSFUL")) {
        events.add(event("entry", "run", suite, label, null, null, null,
            Map.of("rulebench.cache", parts[2], "rulebench.result", "/runs/" + label + ".json")));
      }
      String message = status.equals("SUCCESSFUL") ? null : parts[2];
      String error = status.equals("FAILED") && kind.equals("check") ? "org.opentest4j.AssertionFailedError"
          : status.equals("FAILED") ? "dev.rulebench.train.TrainingDivergedException" : null;
      events.add(event("finished", kind, suite, label, status, message, error, null));
    }
    events.add(event("finished", "suite", suite, suite, "SUCCESSFUL", null, null, null));
    return events;
  }

  @Test
  void countsRunsChecksAndCacheAndListsEveryFailureInOneLine() {
    List<ForkEvent> events = new ArrayList<>();
    events.add(new ForkEvent("planned", null, null, "a.Green", null, null, null, null, null, null, null, 0, 0));
    events.add(new ForkEvent("planned", null, null, "a.Red", null, null, null, null, null, null, null, 0, 0));
    events.add(new ForkEvent("planned", null, null, "a.Later", null, null, null, null, null, null, null, 0, 0));
    events.add(new ForkEvent("issue", null, null, null, null, null, null, "architecture 'mamba' is missing", null,
        "WARNING", null, 0, 0));
    events.addAll(suite("a.Green", "run:SUCCESSFUL:trained", "check:SUCCESSFUL", "run:SUCCESSFUL:hit"));
    events.addAll(suite("a.Red", "run:SUCCESSFUL:hit", "check:FAILED:expected: below <0.1> but was: <0.5>",
        "run:FAILED:the training loss became NaN", "check:ABORTED:the run failed"));
    events.addAll(suite("a.Later", "run:ABORTED:no architecture 'mamba'"));
    ForkRecord fork = new ForkRecord(1, events, 0, Optional.empty(), List.of(), 12.5);

    RunSummary summary = SummaryBuilder.build(new SuiteForks.Outcome(List.of(fork), List.of("a.Green", "a.Red",
        "a.Later"), Map.of(), Map.of()));

    assertThat(summary.warnings()).containsExactly("architecture 'mamba' is missing");
    assertThat(summary.suites()).extracting(SuiteSummary::suite, SuiteSummary::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a.Green", "PASSED"),
        org.assertj.core.groups.Tuple.tuple("a.Red", "FAILED"),
        org.assertj.core.groups.Tuple.tuple("a.Later", "ABORTED"));
    SuiteSummary green = summary.suites().get(0);
    assertThat(green.counts()).isEqualTo("2 runs (1 trained, 1 replayed), checks: 1 passed, 0 failed");
    assertThat(green.results()).hasSize(2);
    assertThat(summary.failures()).extracting(Problem::describe).containsExactly(
        "check check-4 failed: expected: below <0.1> but was: <0.5>",
        "run run-6 failed: dev.rulebench.train.TrainingDivergedException: the training loss became NaN");
    assertThat(summary.abortedRuns()).extracting(Problem::describe)
        .containsExactly("run run-1 did not run: no architecture 'mamba'");
    assertThat(summary.abortedRunLines()).containsExactly("1 run did not run: no architecture 'mamba'");
    assertThat(summary.lines()).contains("  1 run did not run: no architecture 'mamba'")
        .noneMatch(line -> line.contains("run run-1"));

    Path file = RunSummary.file(folder);
    summary.write(file);
    assertThat(RunSummary.read(file)).isEqualTo(summary);
  }

  @Test
  void aCrashedSuiteAndADiscoveryErrorAreFailures() {
    List<ForkEvent> first = new ArrayList<>(suite("a.Crashy"));
    first.remove(first.size() - 1);
    first.add(new ForkEvent("finished", "engine", "[engine:rulebench]", null, null, null, "FAILED",
        "TestEngine with ID 'rulebench' encountered a critical issue during test discovery", null, null, null, 0, 0));
    ForkRecord fork = new ForkRecord(1, first, 134, Optional.of("SIGSEGV"), List.of(), 3);

    RunSummary summary = SummaryBuilder.build(new SuiteForks.Outcome(List.of(fork), List.of("a.Crashy"),
        Map.of("a.Crashy", "the forked JVM crashed with SIGSEGV, while running x seed 1"), Map.of()));

    assertThat(summary.suites()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("CRASHED"));
    assertThat(summary.failures()).extracting(Problem::describe).containsExactly(
        "RuleBench could not run: TestEngine with ID 'rulebench' encountered a critical issue during test discovery",
        "suite a.Crashy crashed: the forked JVM crashed with SIGSEGV, while running x seed 1");
    assertThat(summary.lines()).first().isEqualTo("RuleBench: 1 suite in 1 JVM, 3.0 s");
  }
}
