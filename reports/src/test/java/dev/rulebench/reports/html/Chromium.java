package dev.rulebench.reports.html;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, started fresh for every page: no sandbox (CI runs as root), no GPU,
 * no network chatter, a new empty profile.
 */
final class Chromium {

  private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;
  private final Path profiles;
  private int profileCount;

  private Chromium(Path executable, Path profiles) {
    this.executable = executable;
    this.profiles = profiles;
  }

  /** The installed browser ({@code rulebench.chromium} overrides the path), or empty. */
  static Optional<Chromium> find(Path profiles) {
    String configured = System.getProperty("rulebench.chromium");
    List<String> paths = configured != null ? List.of(configured) : CANDIDATES;
    return paths.stream().map(Path::of).filter(Files::isExecutable).findFirst()
        .map(path -> new Chromium(path, profiles));
  }

  /** The DOM after scripts ran (virtual time lets the page's timers and rendering finish). */
  String dumpDom(URI page) throws IOException, InterruptedException {
    return new String(run(List.of("--virtual-time-budget=15000", "--dump-dom", page.toString())),
        StandardCharsets.UTF_8);
  }

  /** A PNG of the rendered page. */
  Path screenshot(URI page, Path png, int width, int height) throws IOException, InterruptedException {
    run(List.of("--virtual-time-budget=15000", "--hide-scrollbars", "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(), page.toString()));
    return png;
  }

  private byte[] run(List<String> arguments) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(profiles.resolve("profile-" + ++profileCount));
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--user-data-dir=" + profile));
    command.addAll(arguments);
    Path errors = profiles.resolve("stderr-" + profileCount + ".txt");
    Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + process.exitValue() + ": "
          + Files.readString(errors, StandardCharsets.UTF_8));
    }
    return output;
  }
}
