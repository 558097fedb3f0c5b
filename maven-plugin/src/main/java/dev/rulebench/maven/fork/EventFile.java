package dev.rulebench.maven.fork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a fork's event log; a last line cut short by a crash is left out. */
public final class EventFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventFile() {}

  public static List<ForkEvent> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fork's event log " + file, e);
    }
    List<ForkEvent> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        events.add(JSON.readValue(line, ForkEvent.class));
      } catch (JsonProcessingException e) {
        if (i < lines.size() - 1) {
          throw new IllegalStateException("line " + (i + 1) + " of " + file + " is not an event: " + e.getOriginalMessage(),
              e);
        }
      }
    }
    return events;
  }
}
