package dev.rulebench.bench;

import dev.rulebench.models.tf.GraphModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.TensorFlow;

/**
 * A quick timing of one architecture, for the comparison script and for tuning: graph build, first
 * step, then N steps (median wall time and CPU time per step), then the reference evaluation. Prints
 * one human line per figure and a final machine-readable {@code RESULT} line.
 *
 * <pre>
 * java -cp benchmark-suites/target/rulebench-benchmarks.jar dev.rulebench.bench.StepTimer \
 *     --arch transformer [--language aNbN] [--scale paper|quick] [--steps 5] [--eval] [--profile] [--set key=value]
 * </pre>
 *
 * <p>CPU time per step is the process's user + system time over the steps: on a shared machine it
 * moves less with other load than wall time does.
 */
public final class StepTimer {

  private StepTimer() {}

  public static void main(String[] args) throws IOException {
    String language = Workload.LANGUAGE;
    String architecture = "transformer";
    String scale = "paper";
    int steps = 5;
    boolean evaluate = false;
    boolean profile = false;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--arch" -> architecture = args[++i];
        case "--language" -> language = args[++i];
        case "--scale" -> scale = args[++i];
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--eval" -> evaluate = true;
        case "--profile" -> profile = true;
        case "--set" -> {
          String[] kv = args[++i].split("=", 2);
          overrides.put(kv[0], kv[1]);
        }
        default -> {
          System.err.println("unknown argument " + args[i]
              + "; usage: --arch NAME [--language aNbN] [--scale paper|quick] [--steps N] [--eval] [--profile]"
              + " [--set key=value]");
          System.exit(2);
        }
      }
    }
    TensorFlow.version();
    Workload workload = Workload.of(language, architecture, scale, overrides);
    System.out.println(workload.describe());
    long started = System.nanoTime();
    try (GraphModel model = workload.newModel()) {
      double build = seconds(started);
      long firstStarted = System.nanoTime();
      double[] firstCpu = cpuTimes();
      model.trainStep(workload.batch(), 2e-3, 0);
      double first = seconds(firstStarted);
      double[] firstCpuEnd = cpuTimes();
      // system time here is mostly the kernel faulting in the step's fresh activation memory
      System.out.printf(Locale.ROOT, "graph build %.2f s, first step %.2f s (CPU user %.2f s, system %.2f s;"
          + " together %.2f s)%n", build, first, firstCpuEnd[0] - firstCpu[0], firstCpuEnd[1] - firstCpu[1],
          build + first);
      double[] wall = new double[steps];
      double[] cpuStarted = cpuTimes();
      double loss = Double.NaN;
      for (int s = 0; s < steps; s++) {
        long stepStarted = System.nanoTime();
        loss = model.trainStep(workload.batch(), 2e-3, s + 1);
        wall[s] = seconds(stepStarted);
      }
      double[] cpuEnded = cpuTimes();
      double cpuSystem = steps == 0 ? Double.NaN : (cpuEnded[1] - cpuStarted[1]) / steps;
      double cpu = steps == 0 ? Double.NaN : (cpuEnded[0] - cpuStarted[0]) / steps + cpuSystem;
      double[] sorted = wall.clone();
      Arrays.sort(sorted);
      double median = steps == 0 ? Double.NaN : sorted[steps / 2];
      System.out.printf(Locale.ROOT, "training step: median %.1f ms, min %.1f ms over %d steps; CPU %.1f ms per step"
          + " (system %.1f ms); loss %.4f%n", median * 1e3, steps == 0 ? Double.NaN : sorted[0] * 1e3, steps, cpu * 1e3,
          cpuSystem * 1e3, loss);
      if (profile) {
        var traced = model.profileTrainStep(workload.batch(), 2e-3, steps + 1);
        System.out.println(traced.describe(Integer.getInteger("rulebench.profileLines", 20)));
        System.out.println(traced.liveMemory(model.graphDef()).describe(20));
      }
      double evaluation = Double.NaN;
      double evaluationCpu = Double.NaN;
      if (evaluate) {
        model.completeFullBudget(workload.prompts(), dev.rulebench.model.DecodingOptions.greedy(4));
        long evalStarted = System.nanoTime();
        double evalCpuStarted = cpuSeconds();
        workload.evaluate(model);
        evaluation = seconds(evalStarted);
        evaluationCpu = cpuSeconds() - evalCpuStarted;
        System.out.printf(Locale.ROOT, "evaluation: %d prompts × %d new tokens in %.2f s (CPU %.2f s)%n",
            workload.prompts().length, workload.budget(), evaluation, evaluationCpu);
        if (profile) {
          System.out.println("one decoding step:");
          System.out.println(model.profileDecodeStep(workload.prompts().length,
              workload.prompts()[0].length + workload.budget()).describe(20));
        }
      }
      System.out.printf(Locale.ROOT, "RESULT arch=%s scale=%s build_s=%.3f first_step_s=%.3f step_ms=%.1f"
          + " step_cpu_ms=%.1f eval_s=%.3f eval_cpu_s=%.3f%n", architecture, scale, build, first, median * 1e3, cpu * 1e3,
          evaluation, evaluationCpu);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** User + system CPU seconds of this process so far (Linux). */
  private static double cpuSeconds() throws IOException {
    double[] times = cpuTimes();
    return times[0] + times[1];
  }

  /** User and system CPU seconds of this process so far, from {@code /proc/self/stat} (Linux). */
  private static double[] cpuTimes() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new double[] {Long.parseLong(fields[11]) / 100.0, Long.parseLong(fields[12]) / 100.0};
  }
}
