package dev.rulebench.maven.fork;

import dev.rulebench.maven.forked.ForkSettings;
import dev.rulebench.maven.forked.ForkedLauncher;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts one JVM that runs {@link ForkedLauncher} on the project's test class path, carries its
 * output to the build's console while it runs, and tells afterwards what it did.
 *
 * @param java the {@code java} executable
 * @param classpath the test class path plus what the fork needs on top
 * @param jvmArguments the user's JVM arguments (heap, module opens, …)
 * @param systemProperties {@code -D} properties for the fork
 * @param workingDirectory the fork's working directory (the project's folder, as under Surefire)
 * @param workFolder where the settings, argument and event files and crash logs go
 * @param timeoutSeconds stop a fork after this long (0: never)
 * @param terminal whether the build's console is a terminal (progress is rewritten in place)
 * @param log where the fork's lines go in a plain log
 */
public record ForkedJvm(
    Path java,
    List<Path> classpath,
    List<String> jvmArguments,
    Map<String, String> systemProperties,
    Path workingDirectory,
    Path workFolder,
    long timeoutSeconds,
    boolean terminal,
    Consumer<String> log) {

  public ForkedJvm {
    classpath = List.copyOf(classpath);
    jvmArguments = List.copyOf(jvmArguments);
    systemProperties = Map.copyOf(systemProperties);
  }

  /** The {@code java} of the JVM running the build. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
  }

  /** TensorFlow's own level for its native log lines; 2 keeps warnings and errors. */
  static final String TENSORFLOW_LOG_LEVEL = "TF_CPP_MIN_LOG_LEVEL";

  /**
   * Silences TensorFlow's native INFO lines (hundreds a run: "Calling Java gradient function …")
   * in the fork, unless the user set their own level, which wins.
   */
  static void quietTensorFlow(java.util.Map<String, String> environment) {
    environment.putIfAbsent(TENSORFLOW_LOG_LEVEL, "2");
  }

  /** Runs one fork to its end. */
  public ForkRecord run(int number, ForkSettings settings) {
    Path settingsFile = workFolder.resolve("fork-" + number + ".properties");
    settings.write(settingsFile);
    Path argumentFile = workFolder.resolve("fork-" + number + ".args");
    writeArguments(argumentFile, settingsFile);
    long started = System.nanoTime();
    Process process;
    try {
      Files.deleteIfExists(settings.events());
      ProcessBuilder builder = new ProcessBuilder(java.toString(), "@" + argumentFile)
          .directory(workingDirectory.toFile());
      quietTensorFlow(builder.environment());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the forked JVM " + java + ": " + e.getMessage(), e);
    }
    OutputPump out = new OutputPump("rulebench-fork-out", process.getInputStream(), log, null);
    OutputPump err = new OutputPump("rulebench-fork-err", process.getErrorStream(), log,
        terminal ? new PrintStream(System.err, true, StandardCharsets.UTF_8) : null);
    out.start();
    err.start();
    int exitCode = waitFor(process);
    join(out);
    join(err);
    List<ForkEvent> events = EventFile.read(settings.events());
    List<String> output = new ArrayList<>(out.tail());
    output.addAll(err.tail());
    boolean done = events.stream().anyMatch(e -> "done".equals(e.event()));
    Optional<String> crash = done ? Optional.empty() : Optional.of(CrashReason.describe(exitCode, timeoutSeconds,
        output, Optional.of(ForkRecord.errorFile(workFolder, process.pid()))));
    return new ForkRecord(number, events, exitCode, crash, output, (System.nanoTime() - started) / 1e9);
  }

  private int waitFor(Process process) {
    try {
      if (timeoutSeconds <= 0) {
        return process.waitFor();
      }
      if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
      process.destroyForcibly().waitFor();
      return -1;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the forked JVM ran", e);
    }
  }

  private static void join(Thread pump) {
    try {
      pump.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A {@code java @file} argument file: no command-line length limit for long class paths. */
  private void writeArguments(Path file, Path settingsFile) {
    List<String> arguments = new ArrayList<>(jvmArguments);
    // a native crash leaves its log here, and no core dump to fill the disk
    arguments.add("-XX:ErrorFile=" + workFolder.resolve("hs_err_pid%p.log"));
    arguments.add("-XX:-CreateCoredumpOnCrash");
    systemProperties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
    arguments.add("-cp");
    arguments.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    arguments.add(ForkedLauncher.class.getName());
    arguments.add(settingsFile.toString());
    StringBuilder text = new StringBuilder();
    for (String argument : arguments) {
      text.append('"').append(argument.replace("\\", "\\\\").replace("\"", "\\\"")).append('"').append('\n');
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}
