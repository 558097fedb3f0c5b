package dev.rulebench.testing;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.spi.ExecutorSettings;
import dev.rulebench.spi.TrialExecutor;
import dev.rulebench.spi.TrialExecutorFactory;
import dev.rulebench.train.LocalTrialExecutor;
import dev.rulebench.trial.Trial;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for a cluster executor: each trial crosses a Java-serialisation boundary, trains on a
 * worker thread of its own, and its result comes back as JSON text, as it would from another
 * machine. Failures come back wrapped, as a remote future's would.
 */
public final class SerialisingExecutor implements TrialExecutor {

  public static final String NAME = "serialising";

  private static final List<String> SEEN = new CopyOnWriteArrayList<>();
  private static volatile ExecutorSettings lastSettings;

  private final ExecutorSettings settings;
  private final ExecutorService workers = Executors.newFixedThreadPool(2);

  SerialisingExecutor(ExecutorSettings settings) {
    this.settings = settings;
    lastSettings = settings;
  }

  @Override
  public int capacity() {
    return 2;
  }

  @Override
  public boolean trainsOnLocalDevice() {
    return false;
  }

  @Override
  public RunResult execute(Trial trial, BooleanSupplier cancelRequested) {
    byte[] shipped = serialise(trial);
    Future<String> remote = workers.submit(() -> {
      Trial received = (Trial) deserialise(shipped);
      SEEN.add(received.cacheKey());
      return Json.write(new LocalTrialExecutor(settings).execute(received, () -> false));
    });
    try {
      return Json.read(remote.get(), RunResult.class);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new RuntimeException(new ExecutionException("trial failed on the worker", e.getCause()));
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** Cache keys of the trials that crossed the boundary since the last {@link #reset()}. */
  public static List<String> seen() {
    return List.copyOf(SEEN);
  }

  public static ExecutorSettings lastSettings() {
    return lastSettings;
  }

  public static void reset() {
    SEEN.clear();
    lastSettings = null;
  }

  private static byte[] serialise(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Object deserialise(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  /** Registers it as {@code serialising}. */
  public static final class Factory implements TrialExecutorFactory {

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public TrialExecutor create(ExecutorSettings settings) {
      return new SerialisingExecutor(settings);
    }
  }
}
