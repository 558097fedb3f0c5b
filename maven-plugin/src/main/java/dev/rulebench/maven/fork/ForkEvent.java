package dev.rulebench.maven.fork;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One line of a forked JVM's event log, as {@link dev.rulebench.maven.forked.SuiteEvents} writes it.
 *
 * @param event planned, issue, started, skipped, finished, entry, launcher-failed or done
 * @param kind engine, suite, cell, run or check (for test events)
 * @param id the test's unique id
 * @param suite the suite class
 * @param name the display name
 * @param label the legacy reporting name, e.g. {@code aNbN-transformer-1a2b3c4d5e6f seed 1}
 * @param status SUCCESSFUL, FAILED or ABORTED (finished events)
 * @param message a failure's message, a skip's reason or an issue's text
 * @param error the failure's exception class
 * @param severity an issue's severity
 * @param values a report entry's key-value pairs
 * @param time when it happened (epoch milliseconds)
 * @param seconds the fork's duration (done)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ForkEvent(
    String event,
    String kind,
    String id,
    String suite,
    String name,
    String label,
    String status,
    String message,
    String error,
    String severity,
    Map<String, String> values,
    long time,
    double seconds) {

  public ForkEvent {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  public boolean is(String eventName, String kindName) {
    return eventName.equals(event) && kindName.equals(kind);
  }
}
