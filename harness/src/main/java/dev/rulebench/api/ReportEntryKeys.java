package dev.rulebench.api;

/**
 * The report entries the engine publishes, and the contract other tools build on (the Allure
 * extras of the reports module, IDEs, Surefire).
 *
 * <p>Every entry of a run or check is published on the thread that fires that descriptor's
 * events, after its {@code executionStarted} and before its {@code executionFinished}, and no other
 * test starts on that thread in between. A {@code TestExecutionListener} may therefore act on the
 * current test of its thread, as allure-junit-platform does: its
 * {@code Allure.getLifecycle().updateTestCase(…)} reaches the run's or check's own result. That is
 * how labels (epic = {@link #SUITE}, feature = {@link #LANGUAGE}, story = {@link #ARCHITECTURE})
 * and attachments (read from the run's JSON, {@link #RESULT}) are added to Allure results.
 *
 * <p>What allure-junit-platform 2.35.3 reads by itself: an entry holding the key
 * {@link #ALLURE_PARAMETER} (the parameter's name) and {@link #ALLURE_PARAMETER_VALUE} (its value)
 * becomes a parameter of the current test; optional keys {@code mode} (default, masked, hidden) and
 * {@code excluded} (true/false) refine it. Entries with {@code stdout} or {@code stderr} become text
 * attachments; every other entry, and every {@code FileEntry}, is ignored by it. Labels come only
 * from annotations on the suite class or check method, from {@code allure.label.*} system
 * properties, and from JUnit tags.
 */
public final class ReportEntryKeys {

  private ReportEntryKeys() {}

  /** The suite class's name (runs, cells' checks and runs' checks). */
  public static final String SUITE = "rulebench.suite";

  /** The cell's unique-id value, {@code <language>-<architecture>-<hash>}. */
  public static final String CELL = "rulebench.cell";

  public static final String LANGUAGE = "rulebench.language";

  public static final String ARCHITECTURE = "rulebench.architecture";

  /** The run's seed (a run and its checks). */
  public static final String SEED = "rulebench.seed";

  /** The cell's seeds, comma-separated (cell-level checks). */
  public static final String SEEDS = "rulebench.seeds";

  public static final String SCALE = "rulebench.scale";

  /** The hash of the run's fully resolved configuration, as in its JSON. */
  public static final String CONFIG_HASH = "rulebench.configHash";

  /** The run's result-cache key. */
  public static final String CACHE_KEY = "rulebench.cacheKey";

  /**
   * Where the result came from: {@code hit} (replayed from the cache), {@code trained} (trained and
   * stored), {@code retrained} (trained after a corrupt entry), {@code refreshed} (trained again
   * by {@code rulebench.cache=refresh}) or {@code uncached} ({@code rulebench.cache=off}).
   */
  public static final String CACHE = "rulebench.cache";

  /**
   * Why a cache entry was not trusted (with {@code CACHE=retrained}), or why a result could not be
   * stored; the run's own result stands either way.
   */
  public static final String CACHE_PROBLEM = "rulebench.cache.problem";

  /** The path of the run's JSON result file. */
  public static final String RESULT = "rulebench.result";

  /** The prefix of the main metrics under the papers' protocol, e.g. {@code rulebench.metric.ood_r1}. */
  public static final String METRIC_PREFIX = "rulebench.metric.";

  /** Optimizer steps the run took. */
  public static final String STEPS = "rulebench.steps";

  /** Why training stopped. */
  public static final String STOP_REASON = "rulebench.stopReason";

  /** allure-junit-platform's key for a parameter's name. */
  public static final String ALLURE_PARAMETER = "allure.parameter";

  /** allure-junit-platform's key for a parameter's value. */
  public static final String ALLURE_PARAMETER_VALUE = "value";
}
