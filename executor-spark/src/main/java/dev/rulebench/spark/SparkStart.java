package dev.rulebench.spark;

import dev.rulebench.config.ConfigException;
import dev.rulebench.spi.TrialCancelledException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the Spark context once, on first use, without ever blocking a caller longer than the
 * registration timeout: against a standalone master that does not answer, Spark's own constructor
 * retries for about a minute, so the context starts on a thread of its own after a quick check
 * that the master accepts connections.
 */
final class SparkStart {

  private static final long POLL_MILLIS = 200;
  /**
   * Beyond the registration timeout, how long Spark may take to construct its context: it starts
   * slowly on a busy machine, and gives up on a master that accepts connections but never
   * registers the application after about a minute (three tries, 20 s apart).
   */
  private static final long CONSTRUCTION_MILLIS = 90_000;

  private final SparkSettings settings;
  private CompletableFuture<JavaSparkContext> context;
  private Thread starter;

  SparkStart(SparkSettings settings) {
    this.settings = settings;
  }

  /**
   * The context, starting it if nobody has.
   *
   * @throws NoSparkExecutorException if no master answers, or it does not accept the application, in time
   * @throws dev.rulebench.config.ConfigException if this JVM lacks Spark's module options or the master URL is malformed
   */
  JavaSparkContext context() {
    CompletableFuture<JavaSparkContext> pending;
    synchronized (this) {
      if (context == null) {
        CompletableFuture<JavaSparkContext> created = new CompletableFuture<>();
        context = created;
        starter = new Thread(() -> start(created), "rulebench-spark-start");
        starter.setDaemon(true);
        starter.start();
      }
      pending = context;
    }
    try {
      // a master that does not answer at all is reported by the starter at the registration timeout
      return pending.get(settings.registrationTimeout().toMillis() + CONSTRUCTION_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      NoSparkExecutorException failure = NoSparkExecutorException.notAccepted(settings);
      pending.completeExceptionally(failure);
      throw failure;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Spark did not start: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrialCancelledException("interrupted while Spark started");
    }
  }

  /** The context if it has started (and not failed to), else null; never starts it. */
  synchronized JavaSparkContext started() {
    return context != null && context.isDone() && !context.isCompletedExceptionally() ? context.join() : null;
  }

  /**
   * Refuses further use and returns the context to stop, if it started. A context still being
   * constructed is waited for (bounded) and stopped by its starter, since a JVM holds one Spark
   * context at a time and the next one must find none.
   */
  JavaSparkContext close() {
    Thread constructing;
    synchronized (this) {
      if (context == null) {
        return null;
      }
      context.completeExceptionally(new IllegalStateException("the Spark executor is closed")); // if still pending
      constructing = starter;
    }
    try {
      constructing.join(CONSTRUCTION_MILLIS); // at once unless Spark is still constructing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return started();
  }

  private void start(CompletableFuture<JavaSparkContext> created) {
    try {
      DriverJvm.requireSparkModuleOptions();
      awaitMaster(System.nanoTime() + settings.registrationTimeout().toNanos());
      JavaSparkContext spark = new JavaSparkContext(settings.toSparkConf());
      if (!created.complete(spark)) {
        spark.stop(); // given up on, or closed meanwhile
      }
    } catch (Throwable failure) {
      created.completeExceptionally(failure);
    }
  }

  /** Waits until a standalone master accepts connections; other masters Spark reaches in its own way. */
  private void awaitMaster(long deadline) {
    if (!settings.master().startsWith("spark://")) {
      return;
    }
    List<InetSocketAddress> masters = new ArrayList<>();
    for (String hostPort : settings.master().substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      try {
        masters.add(InetSocketAddress.createUnresolved(hostPort.substring(0, colon),
            Integer.parseInt(hostPort.substring(colon + 1))));
      } catch (RuntimeException e) {
        throw new ConfigException(SparkSettings.MASTER + "=" + settings.master()
            + " is not a master URL; write spark://host:port (or spark://host1:port1,host2:port2)");
      }
    }
    while (true) {
      for (InetSocketAddress master : masters) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(master.getHostString(), master.getPort()), 1_000);
          return;
        } catch (IOException e) {
          // not up (yet): try the next, then again until the deadline
        }
      }
      if (System.nanoTime() > deadline) {
        throw NoSparkExecutorException.noMaster(settings);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrialCancelledException("interrupted while waiting for the Spark master");
      }
    }
  }
}
