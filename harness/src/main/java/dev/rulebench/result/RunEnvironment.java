package dev.rulebench.result;

import dev.rulebench.api.RunResult.Environment;
import dev.rulebench.config.Settings;
import dev.rulebench.model.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Versions and machine facts recorded in every result. */
public final class RunEnvironment {

  private static final String VERSION = readVersion();
  private static final String CPU = readCpu(Path.of("/proc/cpuinfo"));
  private static volatile String gitSha;

  private RunEnvironment() {}

  /** RuleBench's own version, from the build. */
  public static String rulebenchVersion() {
    return VERSION;
  }

  public static Environment capture(ModelInfo model) {
    return new Environment(VERSION, model.backend(), model.device(), System.getProperty("java.vendor") + " "
        + System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        CPU, Runtime.getRuntime().availableProcessors(), gitSha());
  }

  /**
   * The commit of the working directory: {@code rulebench.git.sha} or {@code RULEBENCH_GIT_SHA} if
   * set, otherwise what {@code git rev-parse HEAD} answers, or "unknown".
   */
  public static String gitSha() {
    String sha = gitSha;
    if (sha == null) {
      sha = Settings.get("rulebench.git.sha").orElse(System.getenv("RULEBENCH_GIT_SHA"));
      if (sha == null) {
        sha = askGit();
      }
      gitSha = sha;
    }
    return sha;
  }

  private static String askGit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      if (!git.waitFor(5, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return "unknown";
      }
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /**
   * "AMD EPYC (flags 3fa2c1d0)": the first processor's model name and a hash of its flags line in a
   * Linux {@code /proc/cpuinfo}; null elsewhere or when unreadable. Two machines with the same model
   * can expose different instruction sets (a hypervisor masks some), hence the flags.
   */
  static String readCpu(Path cpuinfo) {
    try {
      List<String> lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
      String model = field(lines, "model name");
      String flags = field(lines, "flags");
      if (model == null || flags == null) {
        return null;
      }
      return model + " (flags " + String.format(Locale.ROOT, "%08x", flags.hashCode()) + ")";
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }

  private static String field(List<String> lines, String name) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static String readVersion() {
    try (InputStream in = RunEnvironment.class.getResourceAsStream("/dev/rulebench/rulebench-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
