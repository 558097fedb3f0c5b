package dev.rulebench.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.maven.forked.ForkEvents;
import dev.rulebench.maven.forked.ForkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fork writes (JDK-only JSON), the plugin reads (Jackson), including after a crash. */
class EventFileTest {

  @TempDir
  Path folder;

  @Test
  void eventsRoundTripWithEscapesAndALastLineCutByACrashIsLeftOut() throws Exception {
    Path file = folder.resolve("events.jsonl");
    ForkEvents.write(file, List.of(
        Map.of("event", "finished", "kind", "check", "id", "[engine:rulebench]/[suite:a.B]", "suite", "a.B",
            "status", "FAILED", "message", "expected: <0.5> but was: <0.25>\n\t\"quoted\" \\ \u0001"),
        Map.of("event", "entry", "kind", "run", "values", Map.of("rulebench.cache", "hit"))));
    Files.writeString(file, "{\"event\":\"started\",\"ki", StandardOpenOption.APPEND);

    List<ForkEvent> events = EventFile.read(file);

    assertThat(events).hasSize(2);
    assertThat(events.get(0).message()).isEqualTo("expected: <0.5> but was: <0.25>\n\t\"quoted\" \\ \u0001");
    assertThat(events.get(0).is("finished", "check")).isTrue();
    assertThat(events.get(1).values()).containsEntry("rulebench.cache", "hit");
  }

  @Test
  void settingsRoundTrip() {
    ForkSettings settings = new ForkSettings(folder.resolve("events.jsonl"), List.of(folder.resolve("test-classes")),
        List.of("a.B", "c.D"), List.of("(.*\\.)?\\QB\\E"), "smoke | nightly", "slow",
        Map.of("rulebench.scale", "smoke", "rulebench.spark.master", "local[2]"));
    Path file = folder.resolve("fork.properties");
    settings.write(file);
    assertThat(ForkSettings.read(file)).isEqualTo(settings);
  }
}
