package dev.rulebench.cli;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.Json;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.grammar.Language;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelArchitectures;
import dev.rulebench.result.CacheMode;
import dev.rulebench.result.ResultCache;
import dev.rulebench.result.ResultSource;
import dev.rulebench.spi.ExecutorSettings;
import dev.rulebench.train.LocalTrialExecutor;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rulebench run <language> --arch <name>}: trains one run, evaluates it on the language's
 * prompt sets, writes its JSON result and prints a one-line summary. It takes the engine's path: a
 * result in the cache is replayed, a new one trained by the local executor and stored.
 */
@Command(name = "run", description = "Train one model on one language and write its JSON result.")
final class RunCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<language>", description = "a language name (see 'languages')")
  String language;

  @Option(names = "--arch", required = true, description = "architecture: linear, lstm, transformer, mamba, xlstm")
  String architecture;

  @Option(names = "--scale", defaultValue = "quick", description = "smoke, quick, ci, reduced or paper (default: ${DEFAULT-VALUE})")
  String scale;

  @Option(names = "--seed", defaultValue = "1", description = "run seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--steps", description = "stop after this many optimizer steps")
  Integer steps;

  @Option(names = "--out", defaultValue = "target/rulebench/runs", description = "result folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--device", defaultValue = "${sys:rulebench.device:-auto}", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a hyperparameter, e.g. --set layers=3")
  Map<String, String> modelOverrides = new LinkedHashMap<>();

  @Option(names = "--train", paramLabel = "KEY=VALUE", description = "override a training key, e.g. --train learningRate=0.001")
  Map<String, String> trainingOverrides = new LinkedHashMap<>();

  @Option(names = "--checkpoint", paramLabel = "DIR", description = "keep a checkpoint at every validation in DIR/<run's cache key> and resume from it")
  Path checkpoint;

  @Option(names = "--cache", defaultValue = "${sys:rulebench.cache:-use}", description = "use (replay a stored result), refresh or off, as rulebench.cache (default: ${DEFAULT-VALUE})")
  String cache;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "the result cache (default: rulebench.cache.dir, else $XDG_CACHE_HOME/rulebench or ~/.cache/rulebench)")
  Path cacheDirectory;

  @Override
  public void run() {
    Language resolvedLanguage = LanguageArgument.resolve(language);
    ModelArchitecture resolvedArchitecture = ModelArchitectures.load().get(architecture);
    Scale resolvedScale = Scale.parse(scale);
    if (!device.matches("auto|cpu|gpu")) {
      throw new ConfigException("--device must be auto, cpu or gpu, was '" + device + "'");
    }
    Map<String, String> training = new LinkedHashMap<>(trainingOverrides);
    if (steps != null) {
      if (steps <= 0) {
        throw new ConfigException("--steps must be positive, was " + steps);
      }
      training.put("maxSteps", String.valueOf(steps));
    }
    Trial trial = Trial.at("cli", resolvedLanguage, resolvedArchitecture, modelOverrides, training, resolvedScale,
        seed, device);
    Path file = out.resolve(trial.cellId() + "-seed" + trial.seed() + ".json");
    CacheMode cacheMode = CacheMode.parse(cache);  // a bad mode is bad input before anything trains
    requireWritable(out, "--out");
    if (checkpoint != null) {
      requireWritable(checkpoint, "--checkpoint");
    }

    // the engine's path: the cache, then the local executor (console, observers such as TensorBoard
    // below --out, one checkpoint folder per run below --checkpoint)
    Path cacheFolder = cacheDirectory != null ? cacheDirectory : ResultCache.configuredDirectory();
    ExecutorSettings settings = new ExecutorSettings(1, 0, out, checkpoint, true, rulebenchProperties());
    ResultSource.Obtained obtained = new ResultSource(new ResultCache(cacheFolder), cacheMode,
        new LocalTrialExecutor(settings)).obtain(trial, () -> false, new ResultSource.Listener() {
          @Override
          public void replayed(RunResult result) {
            spec.commandLine().getErr().println("rulebench: replayed from the cache in " + cacheFolder
                + " (--cache refresh trains it again)");
            spec.commandLine().getErr().flush();
          }

          @Override
          public void cacheProblem(String problem) {
            spec.commandLine().getErr().println("rulebench: " + problem);
            spec.commandLine().getErr().flush();
          }
        });
    RunResult result = obtained.result();
    Json.writeAtomically(file, result);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(summary(result) + " -> " + file);
    printer.flush();
  }

  /** Every {@code rulebench.*} system property, as the engine hands its parameters to executors. */
  private static Map<String, String> rulebenchProperties() {
    Map<String, String> properties = new TreeMap<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("rulebench.")) {
        properties.put(key, System.getProperty(key));
      }
    }
    return properties;
  }

  static String summary(RunResult result) {
    Metrics m = result.paperMetrics();
    return String.format(Locale.ROOT,
        "%s %s seed %d (%s): test loss %.4f, ID R1 %s, ID R2 %s, OOD R1 %s, OOD R2-completion %s"
            + " (finished ID %.2f, OOD %.2f); %d steps in %.0f s on %s",
        result.language(), result.architecture(), result.seed(), result.scale(), m.testLoss(),
        m.format(Metric.ID_R1), m.format(Metric.ID_R2), m.format(Metric.OOD_R1), m.format(Metric.OOD_R2_COMPLETION),
        m.get(Metric.ID_FINISHED), m.get(Metric.OOD_FINISHED), result.timings().steps(), result.timings().totalSeconds(),
        result.environment().device());
  }

  /** Fails before training, not after, when the result or checkpoints could not be written. */
  private static void requireWritable(Path folder, String option) {
    try {
      Files.createDirectories(folder);
      Path probe = Files.createTempFile(folder, ".write-test", ".tmp");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException e) {
      throw new ConfigException(option + ": cannot write to " + folder + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }
}
