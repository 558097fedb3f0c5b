package dev.rulebench.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rulebench.config.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: one Master and N Workers, each a separate JVM
 * started from the Maven class path, no Spark distribution needed.
 *
 * <ul>
 *   <li>{@code SPARK_HOME} is a directory whose {@code jars/} links every third-party jar of the
 *       test class path (Spark, TensorFlow: what a real node has installed), which is where a
 *       Worker finds the class path of the executors it launches.
 *   <li>RuleBench's own code (this module's classes and tests, reactor modules such as the
 *       harness) is the application: packed into jars and shipped with {@code spark.jars}, as the
 *       README's recommended set-up does.
 *   <li>Workers run with {@code SPARK_SCALA_VERSION=2.13}, without which they cannot build an
 *       executor's command line from a {@code SPARK_HOME} that is not a Spark build.
 *   <li>Every process started is recorded by pid and stopped by that pid; each daemon also exits
 *       when this JVM ends ({@link ExitWithParent}), and Workers take their executors with them.
 * </ul>
 */
public final class LoopbackSparkCluster implements AutoCloseable {

  /** Where the build wrote the test class path (maven-dependency-plugin build-classpath). */
  public static final String CLASSPATH_FILE_PROPERTY = "rulebench.test.classpathFile";
  /** This module's class directories, separated by the path separator. */
  public static final String CLASS_DIRECTORIES_PROPERTY = "rulebench.test.classDirectories";
  /** The local Maven repository: jars from there are "installed on the nodes", the rest is the application. */
  public static final String LOCAL_REPOSITORY_PROPERTY = "rulebench.test.localRepository";

  private static final String LOOPBACK = "127.0.0.1";
  private static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private final Path home;
  private final int masterPort;
  private final int masterWebPort;
  private final List<String> classDirectories;
  private final List<Path> applicationJars = new ArrayList<>();
  private final List<Daemon> daemons = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::close, "loopback-spark-cluster-stop");
  private boolean closed;

  private LoopbackSparkCluster(Path home, List<String> classDirectories) {
    this.home = home;
    this.classDirectories = classDirectories;
    this.masterPort = freePort();
    this.masterWebPort = freePort();
  }

  /**
   * Starts a Master and {@code workers} Workers (1 core, {@code workerMemory} each) and waits until
   * every Worker has registered.
   *
   * @param directory scratch space: SPARK_HOME, logs, work directories
   * @throws IllegalStateException with the daemons' log files if the cluster is not up within the timeout
   */
  public static LoopbackSparkCluster start(Path directory, int workers, String workerMemory, Duration timeout) {
    Path classpathFile = Path.of(requiredProperty(CLASSPATH_FILE_PROPERTY));
    List<String> directories = new ArrayList<>(List.of(requiredProperty(CLASS_DIRECTORIES_PROPERTY).split(File.pathSeparator)));
    LoopbackSparkCluster cluster = new LoopbackSparkCluster(directory.toAbsolutePath(), directories);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.layOutSparkHome(classpathFile);
      long deadline = System.nanoTime() + timeout.toNanos();
      cluster.startDaemon("master", "org.apache.spark.deploy.master.Master",
          "--host", LOOPBACK, "--port", Integer.toString(cluster.masterPort),
          "--webui-port", Integer.toString(cluster.masterWebPort));
      for (int i = 1; i <= workers; i++) {
        Path work = cluster.home.resolve("work/worker-" + i);
        Files.createDirectories(work);
        cluster.startDaemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", cluster.masterUrl(),
            "--host", LOOPBACK, "--webui-port", "0", "--cores", "1", "--memory", workerMemory,
            "--work-dir", work.toString());
      }
      cluster.awaitWorkers(workers, deadline);
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public String masterUrl() {
    return "spark://" + LOOPBACK + ":" + masterPort;
  }

  /**
   * The settings a driver in this JVM needs to use the cluster, as {@code rulebench.spark.*} keys:
   * the master, loopback addresses, small executors, and the class directories for executors.
   */
  public Map<String, String> driverSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("rulebench.spark.master", masterUrl());
    settings.put("rulebench.spark.driver.host", LOOPBACK);
    settings.put("rulebench.spark.driver.bindAddress", LOOPBACK);
    settings.put("rulebench.spark.executor.cores", "1");
    settings.put("rulebench.spark.executor.memory", "512m");
    settings.put("rulebench.spark.jars", applicationJars.stream().map(Path::toString).collect(Collectors.joining(",")));
    settings.put("rulebench.spark.ui.enabled", "false");
    return settings;
  }

  /**
   * Kills a Worker (1-based) and the executors it launched at once, as a node losing power: a graceful
   * stop could take seconds, long enough for a short trial to finish on the dying executor.
   */
  public void killWorker(int worker) {
    daemons.stream().filter(d -> d.name.equals("worker-" + worker)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no worker-" + worker)).kill();
  }

  /** What a Master or Worker ({@code master}, {@code worker-1}, ...) has logged so far, e.g. its executors' command lines. */
  public String log(String daemon) {
    try {
      return Files.readString(home.resolve("logs").resolve(daemon + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pids of the Master and Workers this cluster started, in start order. */
  public List<Long> daemonPids() {
    return daemons.stream().map(d -> d.process.pid()).toList();
  }

  /** The executor processes the Workers launched and that are still alive. */
  public List<ProcessHandle> executorProcesses() {
    return daemons.stream().flatMap(d -> d.process.descendants())
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains(EXECUTOR_MAIN)).orElse(false))
        .filter(ProcessHandle::isAlive)
        .toList();
  }

  /** The live process of the executor with this Spark executor id. */
  public Optional<ProcessHandle> executorProcess(String executorId) {
    return executorProcesses().stream().filter(p -> {
      List<String> args = p.info().arguments().map(List::of).orElse(List.of());
      int flag = args.indexOf("--executor-id");
      return flag >= 0 && flag + 1 < args.size() && args.get(flag + 1).equals(executorId);
    }).findFirst();
  }

  /** The Master's view: {@code /json} of its web UI (workers, applications, their executors). */
  public JsonNode masterState() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + masterWebPort + "/json/"))
              .timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the Workers (and their executors), then the Master: each by its pid, bounded in time. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).stop();
    }
  }

  /** Links third-party jars into {@code SPARK_HOME/jars} and packs RuleBench's own classes into application jars. */
  private void layOutSparkHome(Path classpathFile) throws IOException {
    Path repository = Path.of(requiredProperty(LOCAL_REPOSITORY_PROPERTY)).toAbsolutePath();
    Path jars = emptyDirectory(home.resolve("jars"));
    Path application = emptyDirectory(home.resolve("app"));
    Files.createDirectories(home.resolve("logs"));
    List<Path> code = new ArrayList<>();
    classDirectories.forEach(directory -> code.add(Path.of(directory)));
    for (String entry : Files.readString(classpathFile).trim().split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (path.startsWith(repository) && entry.endsWith(".jar")) {
        Path link = jars.resolve(path.getFileName());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, path);
        }
      } else if (Files.exists(path)) {
        code.add(path); // a reactor module: target/classes, or its jar once packaged
      }
    }
    for (Path entry : code) {
      applicationJars.add(Files.isDirectory(entry) ? ApplicationJar.pack(entry, application) : entry);
    }
  }

  private static Path emptyDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      try (var old = Files.list(directory)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    return Files.createDirectories(directory);
  }

  private void startDaemon(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1"); // daemons start faster; executors keep the full JIT
    command.add("-XX:+UseSerialGC");
    command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-cp");
    command.add(home.resolve("jars") + File.separator + "*" + File.pathSeparator
        + String.join(File.pathSeparator, classDirectories));
    command.add(ExitWithParent.class.getName());
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("SPARK_"));
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", LOOPBACK);
    env.put("SPARK_LOCAL_HOSTNAME", LOOPBACK);
    env.put("JAVA_HOME", System.getProperty("java.home")); // executors run on this JVM's Java (17)
    Path log = home.resolve("logs").resolve(name + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    daemons.add(new Daemon(name, process, log));
    Files.writeString(home.resolve("pids"), daemons.stream().map(d -> d.name + " " + d.process.pid())
        .collect(Collectors.joining("\n", "", "\n")));
  }

  private void awaitWorkers(int workers, long deadline) {
    String last = "no answer from the master";
    while (System.nanoTime() < deadline) {
      for (Daemon daemon : daemons) {
        if (!daemon.process.isAlive()) {
          throw new IllegalStateException(daemon.name + " exited with " + daemon.process.exitValue() + "; see " + daemon.log);
        }
      }
      try {
        JsonNode state = masterState();
        int alive = state.path("aliveworkers").asInt();
        last = alive + " of " + workers + " workers registered";
        if (alive >= workers) {
          return;
        }
      } catch (UncheckedIOException e) {
        last = "master not answering yet: " + e.getMessage();
      }
      sleep(200);
    }
    throw new IllegalStateException("the loopback Spark cluster did not come up in time (" + last + "); logs in "
        + home.resolve("logs"));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String requiredProperty(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + key + " is not set: run this test through Maven "
          + "(the executor-spark pom sets it)");
    }
    return value;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A Master or Worker JVM. */
  private record Daemon(String name, Process process, Path log) {

    /** Closes its input (it exits by itself), then terminates, then kills; its children likewise, by pid. */
    void stop() {
      List<ProcessHandle> children = process.descendants().toList(); // taken now: orphans lose their parent
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // already closed
      }
      if (!waitFor(process.toHandle(), 10)) {
        process.destroy();
        if (!waitFor(process.toHandle(), 5)) {
          process.destroyForcibly();
          waitFor(process.toHandle(), 5);
        }
      }
      for (ProcessHandle child : children) {
        if (child.isAlive()) {
          child.destroyForcibly();
          waitFor(child, 5);
        }
      }
    }

    /** Kills its children, then it, without waiting for either to exit by itself. */
    void kill() {
      List<ProcessHandle> children = process.descendants().toList();
      children.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      waitFor(process.toHandle(), 5);
      children.forEach(child -> waitFor(child, 5));
    }

    private static boolean waitFor(ProcessHandle handle, int seconds) {
      try {
        handle.onExit().get(seconds, TimeUnit.SECONDS);
        return true;
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        return !handle.isAlive();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !handle.isAlive();
      }
    }
  }
}
