package dev.rulebench.maven.forked;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;

/**
 * Appends one JSON object per line and flushes it at once, so the lines written before a native
 * crash of this JVM are on disk for the plugin to read.
 */
final class EventLog implements AutoCloseable {

  private final BufferedWriter out;

  EventLog(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the event log " + file, e);
    }
  }

  synchronized void write(Map<String, ?> event) {
    try {
      out.write(json(event));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the event log", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the event log", e);
    }
  }

  /** JSON for strings, numbers, booleans, null, collections and maps with string keys. */
  static String json(Object value) {
    StringBuilder text = new StringBuilder();
    append(text, value);
    return text.toString();
  }

  private static void append(StringBuilder text, Object value) {
    if (value == null) {
      text.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      text.append(value);
    } else if (value instanceof Map<?, ?> map) {
      text.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          text.append(',');
        }
        first = false;
        quote(text, String.valueOf(entry.getKey()));
        text.append(':');
        append(text, entry.getValue());
      }
      text.append('}');
    } else if (value instanceof Collection<?> list) {
      text.append('[');
      boolean first = true;
      for (Object element : list) {
        if (!first) {
          text.append(',');
        }
        first = false;
        append(text, element);
      }
      text.append(']');
    } else {
      quote(text, value.toString());
    }
  }

  private static void quote(StringBuilder text, String value) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }
}
