package dev.rulebench.testing;

import dev.rulebench.config.Range;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TrainableModel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine tests' model backend: an n-gram counter ({@link NGramModel}) that really learns from
 * the batches it is given and completes prompts from what it counted, in microseconds.
 *
 * <p>It counts the models built, the steps taken and the models alive at once, so tests can tell
 * whether a run trained, resumed, or overlapped another.
 */
public final class NGramArchitecture implements ModelArchitecture {

  public static final String NAME = "ngram";

  private static final AtomicInteger CREATED = new AtomicInteger();
  private static final AtomicInteger TRAINING = new AtomicInteger();
  private static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
  private static final AtomicInteger STEPS = new AtomicInteger();
  private static final AtomicInteger THREADS = new AtomicInteger();

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@code order}: tokens of context plus one; {@code smoothing}: added to every count;
   * {@code stepMillis}: a pause per training step, standing in for a slower device.
   */
  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder().put("order", 3, Range.atLeast(1)).put("smoothing", 0.1, Range.positive())
        .put("stepMillis", 0, Range.atLeast(0)).build();
  }

  @Override
  public TrainableModel create(ModelSpec spec) {
    CREATED.incrementAndGet();
    THREADS.set(spec.threads());
    int now = TRAINING.incrementAndGet();
    MOST_AT_ONCE.accumulateAndGet(now, Math::max);
    return new NGramModel(spec, STEPS::incrementAndGet, TRAINING::decrementAndGet);
  }

  /** Models built since the last {@link #reset()}: one per trained run. */
  public static int created() {
    return CREATED.get();
  }

  /** The most models alive at once since the last {@link #reset()}. */
  public static int mostAtOnce() {
    return MOST_AT_ONCE.get();
  }

  /** Training steps taken since the last {@link #reset()}. */
  public static int steps() {
    return STEPS.get();
  }

  /** The thread budget the last model was given ({@link ModelSpec#threads()}). */
  public static int lastThreads() {
    return THREADS.get();
  }

  public static void reset() {
    THREADS.set(-1);
    CREATED.set(0);
    STEPS.set(0);
    MOST_AT_ONCE.set(0);
  }
}
