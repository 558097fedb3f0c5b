package dev.rulebench.maven.fork;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one forked JVM did: its events, how it ended, and why, if it died.
 *
 * @param number 1 for the first fork, 2 for the one started after a crash, …
 * @param events its event log
 * @param exitCode the process's exit code (-1 if it was stopped for taking too long)
 * @param crash why it died before finishing, if it did
 * @param output the last lines it printed
 * @param seconds how long it ran
 */
public record ForkRecord(int number, List<ForkEvent> events, int exitCode, Optional<String> crash, List<String> output,
    double seconds) {

  public ForkRecord {
    events = List.copyOf(events);
    output = List.copyOf(output);
  }

  /** The launcher wrote its last event: whatever the tests did, the fork finished its work. */
  public boolean finished() {
    return crash.isEmpty();
  }

  /** The suites discovery planned, in execution order. */
  public List<String> plannedSuites() {
    return events.stream().filter(e -> "planned".equals(e.event())).map(ForkEvent::suite).distinct().toList();
  }

  /** Suites whose finished event was written. */
  public Set<String> finishedSuites() {
    Set<String> suites = new LinkedHashSet<>();
    events.stream().filter(e -> e.is("finished", "suite") || e.is("skipped", "suite")).map(ForkEvent::suite)
        .forEach(suites::add);
    return suites;
  }

  /** The suite that had started and not finished when the JVM died. */
  public Optional<String> suiteInFlight() {
    return inFlight("suite").map(ForkEvent::suite);
  }

  /** The run (or check) that had started and not finished when the JVM died, by its reporting name. */
  public Optional<String> testInFlight() {
    return inFlight("check").or(() -> inFlight("run")).map(ForkEvent::label);
  }

  private Optional<ForkEvent> inFlight(String kind) {
    Set<String> done = new LinkedHashSet<>();
    events.stream().filter(e -> e.is("finished", kind) || e.is("skipped", kind)).map(ForkEvent::id).forEach(done::add);
    ForkEvent last = null;
    for (ForkEvent event : events) {
      if (event.is("started", kind) && !done.contains(event.id())) {
        last = event;
      }
    }
    return Optional.ofNullable(last);
  }

  /** Where the JVM's fatal error log would be, given the {@code -XX:ErrorFile} pattern the plugin sets. */
  static Path errorFile(Path folder, long pid) {
    return folder.resolve("hs_err_pid" + pid + ".log");
  }
}
