package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rulebench.models.tf.device.DevicePlan;
import dev.rulebench.models.tf.graph.PerSessionThreadPools;
import dev.rulebench.models.tf.graph.SessionSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Each session's thread settings take effect: sessions made with {@link SessionSettings} get their
 * own intra-op and inter-op pools. TensorFlow fixes this once per process, so each case runs in a fresh JVM,
 * which counts TensorFlow's native threads (Linux: the tasks of {@code /proc/self/task} that keep
 * the process's name, as the JVM names all of its own) after each new session has run an op.
 */
class PerSessionThreadPoolsTest {

  @Test
  void everySessionGetsThePoolsItAsksFor() throws Exception {
    // sessions asking for 2, then 1, then 3 threads per op and ops at once: each later one adds its
    // own two pools
    assertThat(threadsAddedBySessions(null, false)).containsExactly(2L, 6L);
  }

  @Test
  void soItDoesAfterTheGpuProbe() throws Exception {
    // the probe's session came first in every run and, built with TensorFlow's defaults, sized the
    // pools every later session shared (2 threads each on this machine): a one-thread run used two
    assertThat(threadsAddedBySessions(null, true)).containsExactly(2L, 6L);
  }

  @Test
  void aUserSettingOfTheSwitchIsKept() throws Exception {
    // TensorFlow's default for the intra-op pool: one, sized by the first session, shared by the
    // later ones; the inter-op pools stay per session
    assertThat(threadsAddedBySessions("0", false)).containsExactly(1L, 3L);
  }

  /**
   * Runs {@link Probe} in a new JVM, after the GPU probe if asked; the threads the second and third
   * session added.
   */
  private static List<Long> threadsAddedBySessions(String switchValue, boolean gpuProbeFirst) throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        Probe.class.getName(), String.valueOf(gpuProbeFirst)).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove(PerSessionThreadPools.VARIABLE);
    if (switchValue != null) {
      builder.environment().put(PerSessionThreadPools.VARIABLE, switchValue);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    String[] counts = output.lines().reduce((first, last) -> last).orElseThrow().split(" ");
    long first = Long.parseLong(counts[0]);
    return List.of(Long.parseLong(counts[1]) - first, Long.parseLong(counts[2]) - Long.parseLong(counts[1]));
  }

  /**
   * Makes three sessions with 2, 1 and 3 threads per op and ops at once, after the GPU probe if its
   * argument is true, and prints the native thread count after each.
   */
  public static final class Probe {

    public static void main(String[] args) throws Exception {
      if (Boolean.parseBoolean(args[0])) {
        DevicePlan.gpuVisible();
      }
      StringBuilder counts = new StringBuilder();
      for (int threads : new int[] {2, 1, 3}) {
        Graph graph = new Graph();
        Ops tf = Ops.create(graph);
        var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
        // left open: a closed session's pool would be gone before the next count
        Session session = new Session(graph, SessionSettings.config(DevicePlan.resolve("cpu"), threads, threads));
        try (Result result = session.runner().fetch(sum).run()) {
          counts.append(nativeThreads()).append(' ');
        }
      }
      System.out.println(counts.toString().trim());
    }

    private static long nativeThreads() throws IOException {
      long count = 0;
      try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          if (Files.readString(task.resolve("comm")).trim().equals("java")) {
            count++;
          }
        }
      }
      return count;
    }
  }
}
