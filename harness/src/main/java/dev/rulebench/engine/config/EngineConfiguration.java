package dev.rulebench.engine.config;

import static dev.rulebench.api.Constants.CACHE;
import static dev.rulebench.api.Constants.CACHE_DIR;
import static dev.rulebench.api.Constants.DEFAULT_CACHE;
import static dev.rulebench.api.Constants.DEFAULT_DEVICE;
import static dev.rulebench.api.Constants.DEFAULT_EXECUTOR;
import static dev.rulebench.api.Constants.DEFAULT_OUTPUT_DIR;
import static dev.rulebench.api.Constants.DEFAULT_PARALLELISM;
import static dev.rulebench.api.Constants.DEVICE;
import static dev.rulebench.api.Constants.EXECUTOR;
import static dev.rulebench.api.Constants.OUTPUT_DIR;
import static dev.rulebench.api.Constants.PARALLELISM;
import static dev.rulebench.api.Constants.PREFIX;
import static dev.rulebench.api.Constants.PROGRESS;
import static dev.rulebench.api.Constants.RESUME;
import static dev.rulebench.api.Constants.SCALE;
import static dev.rulebench.api.Constants.SEEDS;
import static dev.rulebench.api.Constants.SELECT;

import dev.rulebench.config.ConfigException;
import dev.rulebench.result.CacheMode;
import dev.rulebench.result.ResultCache;
import dev.rulebench.spi.ExecutorSettings;
import dev.rulebench.trial.Scale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's settings, read once at discovery from the configuration parameters (see
 * {@link dev.rulebench.api.Constants} for every key and its default).
 *
 * @param scale {@code rulebench.scale}, if set
 * @param seeds {@code rulebench.seeds}, if set
 * @param parallelism runs training at once
 * @param threadsPerRun CPU threads each run may use (the cores divided among the parallel runs), or
 *     0 for the architecture's own choice when runs train one at a time
 * @param device auto, cpu or gpu
 * @param executor the trial executor's name
 * @param outputDirectory the output root
 * @param cacheMode use, refresh or off
 * @param cacheDirectory the result cache's folder
 * @param resume whether runs keep checkpoints and resume from them
 * @param progress whether to print progress
 * @param selection which of the discovered runs to keep ({@code rulebench.select})
 * @param parameters every {@code rulebench.*} parameter, for the executor
 */
public record EngineConfiguration(
    Optional<Scale> scale,
    Optional<List<Long>> seeds,
    int parallelism,
    int threadsPerRun,
    String device,
    String executor,
    Path outputDirectory,
    CacheMode cacheMode,
    Path cacheDirectory,
    boolean resume,
    boolean progress,
    RunSelection selection,
    Map<String, String> parameters) {

  /** The defaults, as if no parameter were set. */
  public static EngineConfiguration defaults() {
    Parallelism parallelism = Parallelism.of(DEFAULT_PARALLELISM, DEFAULT_DEVICE, Optional.empty());
    return new EngineConfiguration(Optional.empty(), Optional.empty(), parallelism.runs(), parallelism.threadsPerRun(),
        DEFAULT_DEVICE,
        DEFAULT_EXECUTOR, Path.of(DEFAULT_OUTPUT_DIR), CacheMode.parse(DEFAULT_CACHE), ResultCache.defaultDirectory(),
        false, true, RunSelection.all(), Map.of());
  }

  /**
   * Reads the parameters. Each invalid value is reported (key, value and fix; the engine makes it a
   * discovery error, so nothing runs with a setting the user did not mean) and its default stands
   * in.
   */
  public static EngineConfiguration read(ConfigurationParameters parameters, Consumer<String> problems) {
    Reader reader = new Reader(parameters, problems);
    Optional<Scale> scale = reader.value(SCALE, "smoke, quick, ci, reduced or paper", Scale::parse);
    Optional<List<Long>> seeds = reader.value(SEEDS, "comma-separated positive seeds, e.g. 1,2,3",
        EngineConfiguration::parseSeeds);
    String parallelismSetting = reader.value(PARALLELISM, "auto or a positive integer, e.g. 2", text -> {
      if (!"auto".equals(text.trim())) {
        parsePositive(text);
      }
      return text.trim();
    }).orElse(DEFAULT_PARALLELISM);
    String device = reader.value(DEVICE, "auto, cpu or gpu", EngineConfiguration::parseDevice).orElse(DEFAULT_DEVICE);
    Parallelism parallelism = Parallelism.of(parallelismSetting, device, scale);
    String executor = reader.value(EXECUTOR, "the name of a trial executor, e.g. local", text -> {
      if (text.isBlank()) {
        throw new ConfigException("it is blank");
      }
      return text.trim();
    }).orElse(DEFAULT_EXECUTOR);
    Path output = reader.value(OUTPUT_DIR, "a folder", EngineConfiguration::parsePath)
        .orElse(Path.of(DEFAULT_OUTPUT_DIR));
    CacheMode cache = reader.value(CACHE, "use, refresh or off", CacheMode::parse)
        .orElse(CacheMode.parse(DEFAULT_CACHE));
    Path cacheDirectory = reader.value(CACHE_DIR, "a folder", EngineConfiguration::parsePath)
        .orElseGet(ResultCache::defaultDirectory);
    boolean resume = reader.value(RESUME, "true or false", EngineConfiguration::parseBoolean).orElse(false);
    boolean progress = reader.value(PROGRESS, "true or false", EngineConfiguration::parseBoolean).orElse(true);
    RunSelection selection = reader.value(SELECT, "comma-separated suite[/cell[/seed]] patterns or unique ids, e.g."
        + " ANbNGateSuite/aNbN-lstm/2", RunSelection::parse).orElse(RunSelection.all());
    // keySet() may not list system properties, which get() does read: look at both
    Set<String> keys = new java.util.TreeSet<>(parameters.keySet());
    keys.addAll(System.getProperties().stringPropertyNames());
    Map<String, String> all = new LinkedHashMap<>();
    for (String key : keys) {
      if (key.startsWith(PREFIX)) {
        parameters.get(key).ifPresent(value -> all.put(key, value));
      }
    }
    return new EngineConfiguration(scale, seeds, parallelism.runs(), parallelism.threadsPerRun(), device, executor,
        output, cache, cacheDirectory, resume, progress, selection, Map.copyOf(all));
  }

  /** Runs at once, and the CPU threads each may use (0: the architecture's choice). */
  record Parallelism(int runs, int threadsPerRun) {

    /**
     * For a {@code rulebench.parallelism} setting: {@code auto} is one run per core below
     * {@code paper} scale on the CPU, else one; more than one run at a time divide the cores among
     * them (at least one thread each).
     */
    static Parallelism of(String setting, String device, Optional<Scale> scale) {
      int cores = Runtime.getRuntime().availableProcessors();
      int runs;
      if ("auto".equals(setting)) {
        runs = "gpu".equals(device) || scale.filter(s -> s == Scale.PAPER).isPresent() ? 1 : cores;
      } else {
        runs = parsePositive(setting);
      }
      return new Parallelism(runs, runs == 1 ? 0 : Math.max(1, cores / runs));
    }
  }

  /** What the trial executor is created with. */
  public ExecutorSettings executorSettings() {
    return new ExecutorSettings(parallelism, threadsPerRun, outputDirectory, resume ? cacheDirectory.resolve("checkpoints") : null,
        progress, parameters);
  }

  /** The folder of the run files: {@code <output>/runs}. */
  public Path runsDirectory() {
    return outputDirectory.resolve("runs");
  }

  /** Parses {@code 1,2,3}: positive, distinct seeds. */
  public static List<Long> parseSeeds(String text) {
    List<Long> seeds = new ArrayList<>();
    Set<Long> seen = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      long seed;
      try {
        seed = Long.parseLong(part.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException("'" + part.trim() + "' is not a number");
      }
      if (seed <= 0) {
        throw new ConfigException("seed " + seed + " is not positive");
      }
      if (!seen.add(seed)) {
        throw new ConfigException("seed " + seed + " is repeated");
      }
      seeds.add(seed);
    }
    return List.copyOf(seeds);
  }

  private static int parsePositive(String text) {
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("it is not an integer");
    }
    if (value <= 0) {
      throw new ConfigException("it is not positive");
    }
    return value;
  }

  private static String parseDevice(String text) {
    String device = text.trim();
    if (!device.matches("auto|cpu|gpu")) {
      throw new ConfigException("it is not a device RuleBench knows");
    }
    return device;
  }

  private static boolean parseBoolean(String text) {
    String value = text.trim();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new ConfigException("it is neither true nor false");
    }
    return Boolean.parseBoolean(value);
  }

  private static Path parsePath(String text) {
    if (text.isBlank()) {
      throw new ConfigException("it is blank");
    }
    String path = text.trim();
    if (path.equals("~") || path.startsWith("~/")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    return Path.of(path);
  }

  /** Reads one key and turns a bad value into a reported problem. */
  private record Reader(ConfigurationParameters parameters, Consumer<String> problems) {

    <T> Optional<T> value(String key, String expected, java.util.function.Function<String, T> parse) {
      Optional<String> text = parameters.get(key);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(parse.apply(text.get()));
      } catch (RuntimeException e) {
        problems.accept("configuration parameter " + key + "='" + text.get() + "' cannot be used: " + e.getMessage()
            + ". Fix: set it to " + expected + ".");
        return Optional.empty();
      }
    }
  }
}
