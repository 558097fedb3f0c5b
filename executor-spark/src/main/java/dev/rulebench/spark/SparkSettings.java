package dev.rulebench.spark;

import dev.rulebench.config.ConfigException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * The Spark executor's configuration, read from {@code rulebench.*} keys (the engine's
 * configuration parameters: {@code junit-platform.properties}, system properties or Surefire's
 * {@code configurationParameters}).
 *
 * <ul>
 *   <li>{@value #SPARK_PREFIX}{@code *}: passed to Spark without the {@code rulebench.} prefix, so
 *       {@code rulebench.spark.master=spark://host:7077} sets {@code spark.master} and
 *       {@code rulebench.spark.executor.memory=4g} sets {@code spark.executor.memory}. The master
 *       defaults to {@value #DEFAULT_MASTER}: Spark embedded in this JVM.
 *   <li>{@value #REGISTRATION_TIMEOUT}: seconds to wait for an executor before a trial fails
 *       (default {@value #DEFAULT_REGISTRATION_TIMEOUT_SECONDS}).
 *   <li>{@value #JAVACPP_CACHE_DIR}: a directory on every node where TensorFlow's natives are
 *       extracted once and reused by every executor ({@code -Dorg.bytedeco.javacpp.cachedir}).
 *   <li>{@value #CAPACITY}: trials in flight at once. Embedded, the N of {@code local[N]}; on a
 *       cluster {@value #DEFAULT_CLUSTER_CAPACITY}, more than a small cluster runs at once (Spark
 *       queues the rest): set it to the trials your cluster trains at once.
 * </ul>
 *
 * @param sparkConf the {@code spark.*} settings, the master among them
 * @param registrationTimeout how long a trial waits for an executor before it fails
 * @param javacppCacheDir where executors extract native libraries, if set
 * @param capacity trials in flight at once
 */
public record SparkSettings(
    Map<String, String> sparkConf, Duration registrationTimeout, Optional<String> javacppCacheDir, int capacity) {

  /** Keys under this prefix go to Spark with {@code rulebench.} removed. */
  public static final String SPARK_PREFIX = "rulebench.spark.";
  /** The master: {@code local[N]}, {@code local[*]} or {@code spark://host:port}. */
  public static final String MASTER = SPARK_PREFIX + "master";
  public static final String DEFAULT_MASTER = "local[*]";
  public static final String REGISTRATION_TIMEOUT = "rulebench.executor.spark.registrationTimeout";
  public static final int DEFAULT_REGISTRATION_TIMEOUT_SECONDS = 60;
  public static final String JAVACPP_CACHE_DIR = "rulebench.executor.spark.javacppCacheDir";
  public static final String CAPACITY = "rulebench.executor.spark.capacity";
  public static final int DEFAULT_CLUSTER_CAPACITY = 64;

  /** The JVM option that points JavaCPP (TensorFlow Java's native loader) at a cache directory. */
  static final String JAVACPP_CACHE_OPTION = "-Dorg.bytedeco.javacpp.cachedir=";
  private static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";

  public SparkSettings {
    sparkConf = Collections.unmodifiableMap(new TreeMap<>(sparkConf));
    if (registrationTimeout.isNegative() || registrationTimeout.isZero()) {
      throw new ConfigException(REGISTRATION_TIMEOUT + " must be a positive number of seconds");
    }
    if (capacity <= 0) {
      throw new ConfigException(CAPACITY + " must be positive, was " + capacity);
    }
  }

  /**
   * Reads the settings from configuration parameters; keys outside {@code rulebench.*} are ignored.
   *
   * @throws ConfigException for a timeout or capacity that is not a positive whole number
   */
  public static SparkSettings from(Map<String, String> parameters) {
    Map<String, String> spark = new TreeMap<>();
    spark.put("spark.master", DEFAULT_MASTER);
    spark.put("spark.app.name", "RuleBench");
    spark.put("spark.ui.showConsoleProgress", "false");
    parameters.forEach((key, value) -> {
      if (key.startsWith(SPARK_PREFIX)) {
        spark.put(key.substring("rulebench.".length()), value.trim());
      }
    });
    Duration timeout = Duration.ofSeconds(positive(REGISTRATION_TIMEOUT, parameters.get(REGISTRATION_TIMEOUT),
        DEFAULT_REGISTRATION_TIMEOUT_SECONDS));
    Optional<String> cacheDir = Optional.ofNullable(parameters.get(JAVACPP_CACHE_DIR))
        .map(String::trim).filter(dir -> !dir.isEmpty());
    int capacity = positive(CAPACITY, parameters.get(CAPACITY), defaultCapacity(spark.get("spark.master")));
    return new SparkSettings(spark, timeout, cacheDir, capacity);
  }

  /** local → 1, local[N] or local[N,F] → N, local[*] → the cores here; a cluster → {@value #DEFAULT_CLUSTER_CAPACITY}. */
  private static int defaultCapacity(String master) {
    Matcher local = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?").matcher(master);
    if (!local.matches()) {
      return DEFAULT_CLUSTER_CAPACITY;
    }
    String threads = local.group(1);
    if (threads == null) {
      return 1;
    }
    return threads.equals("*") ? Runtime.getRuntime().availableProcessors() : Math.max(1, Integer.parseInt(threads));
  }

  /** The settings from this JVM's system properties, for programs that run without the engine. */
  public static SparkSettings fromSystemProperties() {
    Map<String, String> parameters = new TreeMap<>();
    System.getProperties().stringPropertyNames().forEach(key -> parameters.put(key, System.getProperty(key)));
    return from(parameters);
  }

  private static int positive(String key, String text, int defaultValue) {
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key + "='" + text + "' is not a positive whole number; set it to e.g. " + defaultValue);
  }

  public String master() {
    return sparkConf.get("spark.master");
  }

  /** Whether Spark runs embedded in this JVM ({@code local}, {@code local[N]}, {@code local[*]}, ...). */
  public boolean embedded() {
    return master().startsWith("local");
  }

  /** The Spark configuration: every {@code spark.*} setting, with the JavaCPP cache added to the executors' options. */
  public SparkConf toSparkConf() {
    SparkConf conf = new SparkConf(false);
    sparkConf.forEach(conf::set);
    javacppCacheDir.ifPresent(dir -> {
      String option = JAVACPP_CACHE_OPTION + dir;
      // Spark splits these options like a shell: quote a path with spaces
      String quoted = option.matches(".*\\s.*") ? "\"" + option + "\"" : option;
      conf.set(EXECUTOR_JAVA_OPTIONS, (conf.get(EXECUTOR_JAVA_OPTIONS, "") + " " + quoted).trim());
    });
    return conf;
  }
}
