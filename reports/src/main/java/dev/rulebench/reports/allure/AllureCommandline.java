package dev.rulebench.reports.allure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Allure 2 commandline ({@code io.qameta.allure:allure-commandline}, a zip on Maven Central),
 * run with this JVM's {@code java} as its {@code bin/allure} script would run it. Nothing is
 * downloaded here: the zip comes from the build (the Maven plugin or the local repository).
 */
public final class AllureCommandline {

  /** The commandline version RuleBench's reports are made with. */
  public static final String VERSION = "2.34.1";

  /** The system property naming an unpacked commandline (the folder with {@code bin/} and {@code lib/}). */
  public static final String HOME_PROPERTY = "rulebench.allure.home";

  private static final long TIMEOUT_MINUTES = 10;

  private final Path home;

  private AllureCommandline(Path home) {
    this.home = home;
  }

  /**
   * An unpacked commandline.
   *
   * @throws IllegalArgumentException if the folder has no {@code lib/allure-commandline-*.jar}
   */
  public static AllureCommandline at(Path home) {
    if (!Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalArgumentException(home + " is not an Allure commandline (no lib/ folder): unpack "
          + "io.qameta.allure:allure-commandline:" + VERSION + ":zip and point " + HOME_PROPERTY + " at its allure-"
          + VERSION + " folder");
    }
    return new AllureCommandline(home);
  }

  /**
   * The commandline in a zip, unpacked into {@code folder} unless it already is there.
   */
  public static AllureCommandline unpack(Path zip, Path folder) {
    Path home = folder.resolve("allure-" + VERSION);
    if (!Files.isDirectory(home.resolve("lib"))) {
      unzip(zip, folder);
    }
    return at(home);
  }

  /**
   * The commandline this machine already has: {@value #HOME_PROPERTY} if set, otherwise the zip in
   * the local Maven repository, unpacked into {@code unpackFolder}.
   */
  public static Optional<AllureCommandline> locate(Path unpackFolder) {
    String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      return Optional.of(at(Path.of(home)));
    }
    Path zip = localRepository().resolve("io/qameta/allure/allure-commandline/" + VERSION + "/allure-commandline-"
        + VERSION + ".zip");
    return Files.isRegularFile(zip) ? Optional.of(unpack(zip, unpackFolder)) : Optional.empty();
  }

  private static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  public Path home() {
    return home;
  }

  /**
   * Runs {@code allure generate --clean -o <report> <results>}.
   *
   * @param singleFile one self-contained {@code index.html} that opens from disk, without history
   * @return the report folder
   * @throws IllegalStateException with the commandline's output if it fails
   */
  public Path generate(Path results, Path report, String reportName, boolean singleFile) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true",
        "-cp", home.resolve("lib") + "/*" + java.io.File.pathSeparator + home.resolve("lib").resolve("config"),
        "io.qameta.allure.CommandLine", "generate", "--clean", "--name", reportName, "-o", report.toString()));
    if (singleFile) {
      command.add("--single-file");
    }
    command.add(results.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("APP_HOME", home.toString());
    try {
      Process process = builder.start();
      byte[] output;
      try (InputStream in = process.getInputStream()) {
        output = in.readAllBytes();
      }
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("allure generate did not finish within " + TIMEOUT_MINUTES + " minutes");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0 || !Files.isRegularFile(report.resolve("index.html"))) {
        throw new IllegalStateException("allure generate failed (exit " + process.exitValue() + "): " + text.trim());
      }
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start allure generate: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while allure generate ran", e);
    }
  }

  private static void unzip(Path zip, Path folder) {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      Path root = folder.toAbsolutePath().normalize();
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("entry " + entry.getName() + " would leave " + root);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + zip + ": " + e.getMessage(), e);
    }
    Path script = folder.resolve("allure-" + VERSION).resolve("bin").resolve("allure");
    if (Files.isRegularFile(script)) {
      script.toFile().setExecutable(true);
    }
  }
}
