package dev.rulebench.maven.forked;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns the launcher's discovery issues and execution events into event-log lines: the plan (the
 * suites about to run), every suite, cell, run and check as it starts and ends, the runs' report
 * entries, and the engine's own end (where a discovery error shows up).
 */
final class SuiteEvents implements TestExecutionListener, LauncherDiscoveryListener {

  private final EventLog log;

  SuiteEvents(EventLog log) {
    this.log = log;
  }

  @Override
  public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
    Map<String, Object> event = event("issue");
    event.put("severity", issue.severity().name());
    event.put("message", issue.message());
    log.write(event);
  }

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    for (TestIdentifier engine : plan.getRoots()) {
      for (TestIdentifier suite : plan.getChildren(engine)) {
        Map<String, Object> event = event("planned");
        event.put("suite", suiteOf(suite).orElse(suite.getUniqueId()));
        event.put("name", suite.getDisplayName());
        log.write(event);
      }
    }
  }

  @Override
  public void executionStarted(TestIdentifier test) {
    log.write(describe("started", test));
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    Map<String, Object> event = describe("skipped", test);
    event.put("message", reason);
    log.write(event);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    Map<String, Object> event = describe("finished", test);
    event.put("status", result.getStatus().name());
    result.getThrowable().ifPresent(thrown -> {
      event.put("message", message(thrown));
      event.put("error", thrown.getClass().getName());
    });
    log.write(event);
  }

  @Override
  public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
    Map<String, Object> event = describe("entry", test);
    event.put("values", new LinkedHashMap<>(entry.getKeyValuePairs()));
    log.write(event);
  }

  private static Map<String, Object> describe(String name, TestIdentifier test) {
    Map<String, Object> event = event(name);
    UniqueId id = UniqueId.parse(test.getUniqueId());
    event.put("kind", kind(id));
    event.put("id", test.getUniqueId());
    suiteOf(test).ifPresent(suite -> event.put("suite", suite));
    event.put("name", test.getDisplayName());
    event.put("label", test.getLegacyReportingName());
    return event;
  }

  /** engine, suite, cell, run or check: the engine's segment types, {@code seed} read as run. */
  private static String kind(UniqueId id) {
    String type = id.getLastSegment().getType();
    return type.equals("seed") ? "run" : type;
  }

  private static Optional<String> suiteOf(TestIdentifier test) {
    return UniqueId.parse(test.getUniqueId()).getSegments().stream()
        .filter(segment -> segment.getType().equals("suite")).map(UniqueId.Segment::getValue).findFirst();
  }

  private static String message(Throwable thrown) {
    String message = thrown.getMessage();
    return message == null || message.isBlank() ? thrown.getClass().getName() : message;
  }

  private static Map<String, Object> event(String name) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event", name);
    event.put("time", System.currentTimeMillis());
    return event;
  }
}
