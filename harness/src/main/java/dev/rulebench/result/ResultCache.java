package dev.rulebench.result;

import dev.rulebench.api.Constants;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.io.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run results stored by content: the key is {@link dev.rulebench.trial.Trial#cacheKey()} (language
 * and data, architecture and resolved config, training, seed, scale and RuleBench's version), so a
 * result is replayed only for exactly the run that made it.
 *
 * <p>An entry is one file, {@code <dir>/results/<key[0..2]>/<key>.result}: a header line
 * {@code rulebench-result 1 bytes=<n> sha256=<hex>} and then the result's JSON. It is written to a
 * temporary file and renamed into place, so readers see a complete entry or none; the header's
 * length and checksum catch everything else (a truncated copy, a disk error, a hand edit), and such
 * an entry is reported, deleted and trained again. Only finished runs are ever stored, so an
 * interrupted run leaves at most a temporary file that no lookup reads.
 */
public final class ResultCache {

  static final String MAGIC = "rulebench-result";
  static final int FORMAT = 1;
  private static final Pattern HEADER =
      Pattern.compile(MAGIC + " (\\d+) bytes=(\\d+) sha256=([0-9a-f]{64})");

  private final Path directory;

  public ResultCache(Path directory) {
    this.directory = directory;
  }

  /** {@code $XDG_CACHE_HOME/rulebench}, else {@code ~/.cache/rulebench}: outside any build folder. */
  public static Path defaultDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("rulebench");
  }

  /**
   * The folder {@code rulebench.cache.dir} names as a system property, else {@link
   * #defaultDirectory()}: for the command line and the reports, which have no engine configuration.
   */
  public static Path configuredDirectory() {
    String configured = System.getProperty(Constants.CACHE_DIR);
    return configured != null && !configured.isBlank() ? Path.of(configured) : defaultDirectory();
  }

  public Path directory() {
    return directory;
  }

  /** The file of a key's entry. */
  public Path entry(String cacheKey) {
    requireKey(cacheKey);
    return directory.resolve("results").resolve(cacheKey.substring(0, 2)).resolve(cacheKey + ".result");
  }

  /** The stored result of a key, verified; a corrupt entry is deleted. */
  public CacheLookup lookup(String cacheKey) {
    Path file = entry(cacheKey);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new CacheLookup.Miss();
    } catch (IOException e) {
      return corrupt(file, "unreadable: " + e.getMessage());
    }
    Optional<String> problem = verify(bytes, cacheKey);
    if (problem.isPresent()) {
      return corrupt(file, problem.get());
    }
    try {
      RunResult result = Json.mapper().readValue(body(bytes), RunResult.class);
      if (!cacheKey.equals(result.cacheKey())) {
        return corrupt(file, "it holds the result of key " + result.cacheKey());
      }
      return new CacheLookup.Hit(result);
    } catch (IOException e) {
      return corrupt(file, "its JSON does not describe a run result: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Stores a finished run's result under its own cache key, replacing any entry. */
  public void store(RunResult result) {
    byte[] body = Json.write(result).getBytes(StandardCharsets.UTF_8);
    String header = MAGIC + " " + FORMAT + " bytes=" + body.length + " sha256=" + Hashes.sha256(body) + "\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(headerBytes, headerBytes.length + body.length);
    System.arraycopy(body, 0, bytes, headerBytes.length, body.length);
    Json.writeAtomically(entry(result.cacheKey()), bytes);
  }

  private static Optional<String> verify(byte[] bytes, String cacheKey) {
    int newline = indexOf(bytes, (byte) '\n');
    if (newline < 0) {
      return Optional.of("it has no header line (a half-written entry)");
    }
    String header = new String(bytes, 0, newline, StandardCharsets.UTF_8);
    Matcher matcher = HEADER.matcher(header);
    if (!matcher.matches()) {
      return Optional.of("its header is not '" + MAGIC + " <format> bytes=<n> sha256=<hex>'");
    }
    if (Integer.parseInt(matcher.group(1)) != FORMAT) {
      return Optional.of("it has format " + matcher.group(1) + ", this RuleBench reads format " + FORMAT);
    }
    long expectedLength = Long.parseLong(matcher.group(2));
    byte[] body = body(bytes);
    if (body.length != expectedLength) {
      return Optional.of("it holds " + body.length + " bytes of " + expectedLength + " (truncated)");
    }
    if (!Hashes.sha256(body).equals(matcher.group(3))) {
      return Optional.of("its checksum does not match its content");
    }
    return Optional.empty();
  }

  private static byte[] body(byte[] bytes) {
    int newline = indexOf(bytes, (byte) '\n');
    return Arrays.copyOfRange(bytes, newline + 1, bytes.length);
  }

  private static CacheLookup corrupt(Path file, String problem) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the corrupt cache entry " + file + " (" + problem + ")", e);
    }
    return new CacheLookup.Corrupt("cache entry " + file + " was corrupt: " + problem);
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static void requireKey(String cacheKey) {
    if (cacheKey == null || !cacheKey.toLowerCase(Locale.ROOT).matches("[0-9a-f]{16,}")) {
      throw new IllegalArgumentException("not a cache key: " + cacheKey);
    }
  }

}
