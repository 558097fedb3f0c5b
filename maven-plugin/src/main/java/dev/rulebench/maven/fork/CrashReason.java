package dev.rulebench.maven.fork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in one line why a forked JVM died, from its exit code, its last output lines and the fatal
 * error log the JVM writes on a native crash.
 */
final class CrashReason {

  private static final Pattern SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+)\\s+\\(0x[0-9a-fA-F]+\\)");
  private static final Pattern FRAME = Pattern.compile("#\\s+Problematic frame:");
  private static final Pattern OUT_OF_MEMORY = Pattern.compile("java\\.lang\\.OutOfMemoryError: ?(.*)");

  private CrashReason() {}

  /**
   * @param exitCode the process's exit code, or -1 if it was stopped after {@code timeoutSeconds}
   * @param output the last lines it printed
   * @param errorFile the fatal error log, if the JVM wrote one
   */
  static String describe(int exitCode, long timeoutSeconds, List<String> output, Optional<Path> errorFile) {
    if (exitCode == -1) {
      return "the forked JVM took longer than " + timeoutSeconds + " s (rulebench.forkTimeout) and was stopped";
    }
    String signal = null;
    String frame = null;
    String outOfMemory = null;
    for (int i = 0; i < output.size(); i++) {
      String line = output.get(i);
      Matcher m = SIGNAL.matcher(line);
      if (m.find() && signal == null) {
        signal = m.group(1);
      }
      if (FRAME.matcher(line).find() && i + 1 < output.size() && frame == null) {
        frame = output.get(i + 1).replaceFirst("^#\\s*", "").trim().replaceAll("\\s+", " ");
      }
      Matcher oom = OUT_OF_MEMORY.matcher(line);
      if (oom.find()) {
        outOfMemory = oom.group(1).isBlank() ? "java.lang.OutOfMemoryError" : oom.group(1);
      }
    }
    String log = errorFile.filter(Files::isRegularFile).map(file -> "; the JVM's crash log is " + file).orElse("");
    if (signal != null) {
      return "the forked JVM crashed with " + signal + (frame != null ? " in " + frame : "") + " (exit code "
          + exitCode + ")" + log;
    }
    if (outOfMemory != null) {
      return "the forked JVM ran out of memory (" + outOfMemory + "): give it more with rulebench.jvmArgs, e.g."
          + " -Drulebench.jvmArgs=-Xmx8g";
    }
    if (exitCode > 128) {
      return "the forked JVM was killed by signal " + (exitCode - 128) + " (exit code " + exitCode
          + "; SIGKILL 9 often means the machine ran out of memory)" + log;
    }
    return "the forked JVM exited with code " + exitCode + " before it finished (System.exit, or a library that"
        + " ended the process)" + log;
  }
}
