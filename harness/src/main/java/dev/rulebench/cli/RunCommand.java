package dev.rulebench.cli;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.Json;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.grammar.Language;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelArchitectures;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.spi.RunObserver;
import dev.rulebench.train.ConsoleProgress;
import dev.rulebench.train.Trainer;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rulebench run <language> --arch <name>}: trains one run, evaluates it on the language's
 * prompt sets, writes its JSON result and prints a one-line summary.
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
    requireWritable(out, "--out");
    if (checkpoint != null) {
      requireWritable(checkpoint, "--checkpoint");
    }

    // observers (TensorBoard) write below --out too: the command writes nowhere else
    ProgressListener progress = ProgressListener.all(List.of(ConsoleProgress.forStandardError(),
        RunObserver.discovered(trial, out, Thread.currentThread().getContextClassLoader())));
    // one folder per run below --checkpoint, so runs of other trials never touch each other's
    RunResult result = new Trainer(progress, () -> false,
        checkpoint == null ? null : checkpoint.resolve(trial.cacheKey())).run(trial);
    Json.writeAtomically(file, result);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(summary(result) + " -> " + file);
    printer.flush();
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
