package dev.rulebench.maven.forked;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes event logs as a fork does, for tests of the plugin's side. */
public final class ForkEvents {

  private ForkEvents() {}

  public static void write(Path file, List<Map<String, ?>> events) {
    try (EventLog log = new EventLog(file)) {
      events.forEach(log::write);
    }
  }
}
