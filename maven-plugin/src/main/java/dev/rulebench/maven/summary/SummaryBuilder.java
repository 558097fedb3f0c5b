package dev.rulebench.maven.summary;

import dev.rulebench.api.ReportEntryKeys;
import dev.rulebench.maven.fork.ForkEvent;
import dev.rulebench.maven.fork.ForkRecord;
import dev.rulebench.maven.fork.SuiteForks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns the forks' events into a {@link RunSummary}. */
public final class SummaryBuilder {

  private SummaryBuilder() {}

  public static RunSummary build(SuiteForks.Outcome outcome) {
    List<ForkEvent> events = outcome.forks().stream().flatMap(fork -> fork.events().stream()).toList();
    Set<String> warnings = new LinkedHashSet<>();
    List<Problem> problems = new ArrayList<>();
    for (ForkEvent event : events) {
      if ("issue".equals(event.event()) && !"ERROR".equals(event.severity())) {
        warnings.add(event.message());
      }
      if (event.is("finished", "engine") && "FAILED".equals(event.status())) {
        problems.add(new Problem("engine", null, null, event.message()));
      }
      if ("launcher-failed".equals(event.event())) {
        problems.add(new Problem("engine", null, null, event.message()
            + " (is dev.rulebench:rulebench-harness a test dependency of this project?)"));
      }
    }
    outcome.notRun().forEach((suite, why) -> problems.add(new Problem("not-run", suite, null, why)));

    Set<String> suites = new LinkedHashSet<>(outcome.planned());
    events.stream().map(ForkEvent::suite).filter(s -> s != null).forEach(suites::add);
    suites.removeAll(outcome.notRun().keySet());
    List<SuiteSummary> summaries = new ArrayList<>();
    for (String suite : suites) {
      summaries.add(suite(suite, events.stream().filter(e -> suite.equals(e.suite())).toList(),
          outcome.crashed().get(suite)));
    }
    double seconds = outcome.forks().stream().mapToDouble(ForkRecord::seconds).sum();
    return new RunSummary(RunSummary.SCHEMA, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), seconds,
        outcome.forks().size(), List.copyOf(warnings), problems, summaries);
  }

  private static SuiteSummary suite(String suite, List<ForkEvent> events, String crash) {
    int runsPassed = 0;
    int runsFailed = 0;
    int runsAborted = 0;
    int trained = 0;
    int replayed = 0;
    int checksPassed = 0;
    int checksFailed = 0;
    int checksSkipped = 0;
    List<Problem> problems = new ArrayList<>();
    List<String> results = new ArrayList<>();
    boolean ran = false;
    for (ForkEvent event : events) {
      if (event.is("finished", "run")) {
        ran = true;
        switch (event.status()) {
          case "SUCCESSFUL" -> runsPassed++;
          case "ABORTED" -> {
            runsAborted++;
            problems.add(new Problem("aborted", suite, event.label(), event.message()));
          }
          default -> {
            runsFailed++;
            problems.add(new Problem("run", suite, event.label(), errorMessage(event)));
          }
        }
      } else if (event.is("finished", "check")) {
        if ("SUCCESSFUL".equals(event.status())) {
          checksPassed++;
        } else if ("FAILED".equals(event.status())) {
          checksFailed++;
          problems.add(new Problem("check", suite, event.label(), errorMessage(event)));
        } else {
          checksSkipped++;
        }
      } else if (event.is("skipped", "check")) {
        checksSkipped++;
      } else if (event.is("finished", "suite") && "FAILED".equals(event.status())) {
        problems.add(new Problem("suite", suite, null, event.message()));
      } else if (event.is("entry", "run") && event.values().containsKey(ReportEntryKeys.CACHE)) {
        if ("hit".equals(event.values().get(ReportEntryKeys.CACHE))) {
          replayed++;
        } else {
          trained++;
        }
        if (event.values().containsKey(ReportEntryKeys.RESULT)) {
          results.add(event.values().get(ReportEntryKeys.RESULT));
        }
      }
    }
    String status;
    if (crash != null) {
      problems.add(0, new Problem("crash", suite, null, crash));
      status = SuiteSummary.CRASHED;
    } else if (problems.stream().anyMatch(p -> !p.kind().equals("aborted"))) {
      status = SuiteSummary.FAILED;
    } else {
      status = !ran ? SuiteSummary.NOT_RUN : runsPassed == 0 && runsAborted > 0 ? SuiteSummary.ABORTED
          : SuiteSummary.PASSED;
    }
    return new SuiteSummary(suite, status, runsPassed, runsFailed, runsAborted, trained, replayed, checksPassed,
        checksFailed, checksSkipped, problems, results);
  }

  private static String errorMessage(ForkEvent event) {
    String message = event.message() == null ? "no message" : event.message();
    boolean assertion = event.error() != null && event.error().endsWith("AssertionFailedError");
    return assertion || event.error() == null ? message : event.error() + ": " + message;
  }
}
