package dev.rulebench.maven.fork;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries one output stream of the forked JVM to the build's console while it runs, and keeps its
 * last lines for the crash report. In line mode (a CI log) every complete line goes to the consumer
 * and a carriage-return rewrite keeps only the final text of its line; in raw mode (a terminal)
 * the characters go through unchanged, so the live progress line is rewritten in place.
 */
final class OutputPump extends Thread {

  private static final int TAIL_LINES = 200;

  private final InputStream in;
  private final Consumer<String> lines;
  private final PrintStream raw;
  private final Deque<String> tail = new ArrayDeque<>();

  /**
   * @param lines where complete lines go in line mode
   * @param raw the stream characters go to in raw mode, or null for line mode
   */
  OutputPump(String name, InputStream in, Consumer<String> lines, PrintStream raw) {
    super(name);
    setDaemon(true);
    this.in = in;
    this.lines = lines;
    this.raw = raw;
  }

  @Override
  public void run() {
    StringBuilder line = new StringBuilder();
    char[] buffer = new char[8192];
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
        if (raw != null) {
          raw.print(new String(buffer, 0, read));
          raw.flush();
        }
        for (int i = 0; i < read; i++) {
          char c = buffer[i];
          if (c == '\n') {
            complete(line.toString());
            line.setLength(0);
          } else if (c == '\r') {
            line.setLength(0);
          } else {
            line.append(c);
          }
        }
      }
    } catch (IOException e) {
      // the process is gone; what was read is all there is
    }
    if (line.length() > 0) {
      complete(line.toString());
    }
  }

  private void complete(String text) {
    // terminal control sequences (erase to end of line) carry no text
    String clean = text.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
    synchronized (tail) {
      tail.addLast(clean);
      if (tail.size() > TAIL_LINES) {
        tail.removeFirst();
      }
    }
    if (raw == null) {
      lines.accept(clean);
    }
  }

  /** The last lines read, oldest first. */
  List<String> tail() {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }
}
