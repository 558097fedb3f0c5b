package dev.rulebench.api;

/**
 * Every configuration key of the {@code rulebench} engine, with its default. Keys are read, in
 * this order, from the launcher's explicit parameters (e.g. Surefire's
 * {@code <configurationParameters>}), from system properties ({@code -Drulebench.scale=smoke}) and
 * from {@code junit-platform.properties} on the test class path. An invalid value is reported as a
 * discovery issue (an error) naming the key and the fix.
 */
public final class Constants {

  private Constants() {}

  /**
   * {@code smoke}, {@code quick} or {@code paper}. When set, it overrides every suite's own
   * {@code @RuleExtrapolation(scale = …)}; when neither is given the scale is {@link #DEFAULT_SCALE}.
   */
  public static final String SCALE = "rulebench.scale";

  /** The scale of a suite that names none, when {@link #SCALE} is not set. */
  public static final String DEFAULT_SCALE = "quick";

  /**
   * Comma-separated seeds, e.g. {@code 1} or {@code 42,64}, that replace every suite's own
   * {@code @Seeds}. Not set by default.
   */
  public static final String SEEDS = "rulebench.seeds";

  /**
   * How many runs train at once: a positive integer (default 1), or {@code auto}: one run per core,
   * each on one TensorFlow thread, below {@code paper} scale (small models leave cores idle, and two
   * runs at a time train about 1.35 times the Transformer steps a second of one on both cores); one
   * run on every core at {@code paper} scale or on a GPU. With more than one run at a time the cores
   * are divided among them. Results do not depend on it. Not the default because a forked JVM that
   * crashes (rulebench:run) is blamed on the run it was training, and with several in flight that
   * may be an innocent one. Runs on the GPU take the device exclusively whatever this says.
   */
  public static final String PARALLELISM = "rulebench.parallelism";

  public static final String DEFAULT_PARALLELISM = "1";

  /**
   * {@code auto}, {@code cpu} or {@code gpu}: the device models are built on. Default {@code auto}.
   * With {@code gpu}, runs lock the device exclusively (an {@code ExclusiveResource}), so GPU runs
   * serialise while other work goes on.
   */
  public static final String DEVICE = "rulebench.device";

  public static final String DEFAULT_DEVICE = "auto";

  /**
   * The trial executor, by name: {@code local} (default, this JVM) or one registered through
   * {@code dev.rulebench.spi.TrialExecutorFactory}, such as {@code spark}. Keys of an executor's
   * own, such as {@code rulebench.spark.master}, are handed to it unchanged.
   */
  public static final String EXECUTOR = "rulebench.executor";

  public static final String DEFAULT_EXECUTOR = "local";

  /**
   * Where run files go; each run's JSON lands in {@code <dir>/runs/<suite class>/}. Default
   * {@code target/rulebench}, relative to the working directory (a module's folder under Maven).
   */
  public static final String OUTPUT_DIR = "rulebench.output.dir";

  public static final String DEFAULT_OUTPUT_DIR = "target/rulebench";

  /**
   * {@code use} (default): replay stored results and store new ones; {@code refresh}: train every
   * run again and overwrite; {@code off}: neither read nor write.
   */
  public static final String CACHE = "rulebench.cache";

  public static final String DEFAULT_CACHE = "use";

  /**
   * The result cache's folder. Default {@code $XDG_CACHE_HOME/rulebench}, else
   * {@code ~/.cache/rulebench}: outside {@code target/}, so {@code mvn clean} keeps it.
   */
  public static final String CACHE_DIR = "rulebench.cache.dir";

  /**
   * {@code true} to keep a checkpoint of every run at each validation (under
   * {@code <cache dir>/checkpoints/<cache key>/}) and resume an interrupted run from it; the
   * checkpoint is deleted once the run's result is stored. Default {@code false}.
   */
  public static final String RESUME = "rulebench.resume";

  /**
   * Which of the discovered runs to train: comma-separated patterns {@code suite[/cell[/seed]]}
   * ({@code ANbNGateSuite/aNbN-lstm/2}, {@code *MainTableSuite/*-transformer}; {@code *} any
   * characters, a cell by a leading part of {@code <language>-<architecture>-<hash>}) or unique ids
   * ({@code [engine:rulebench]/[suite:…]/[cell:…]/[seed:2]}). Unset: every run. See
   * {@link dev.rulebench.engine.config.RunSelection}.
   */
  public static final String SELECT = "rulebench.select";

  /**
   * {@code true} (default) to print progress to standard error: a line per run as it starts and
   * ends, validations, a throttled step line, cache replays and a summary at the end.
   */
  public static final String PROGRESS = "rulebench.progress";

  /**
   * {@code true} or {@code false}: whether standard error is a terminal, so the live progress line
   * is rewritten in place; unset, the JVM's console decides. A system property, set by the Maven
   * plugin for its forked JVM, whose output it copies to the user's terminal.
   */
  public static final String PROGRESS_TERMINAL = dev.rulebench.train.ConsoleProgress.TERMINAL_PROPERTY;

  /** The prefix of every key; all parameters under it are handed to the executor. */
  public static final String PREFIX = "rulebench.";
}
