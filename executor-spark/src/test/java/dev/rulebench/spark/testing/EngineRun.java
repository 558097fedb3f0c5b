package dev.rulebench.spark.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rulebench.api.Constants;
import dev.rulebench.api.RunResult;
import dev.rulebench.config.Json;
import dev.rulebench.engine.RuleBenchTestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * One run of the {@code rulebench} engine over a suite class, as a build would run it, isolated
 * from the machine's configuration: its own output folder, no implicit parameters, no console.
 *
 * @param results the JUnit events
 * @param runs the run files the engine wrote, by file name
 */
public record EngineRun(EngineExecutionResults results, Map<String, RunResult> runs) {

  /**
   * @param output the engine's output folder (fresh per run)
   * @param parameters extra configuration parameters, e.g. the executor and its settings
   */
  public static EngineRun of(Class<?> suite, Path output, Map<String, String> parameters) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(Constants.OUTPUT_DIR, output.toString());
    all.put(Constants.CACHE, "off");
    all.put(Constants.PROGRESS, "false");
    all.putAll(parameters);
    EngineExecutionResults results = EngineTestKit.engine(RuleBenchTestEngine.ENGINE_ID)
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(all)
        .selectors(selectClass(suite))
        .execute();
    return new EngineRun(results, runFiles(output.resolve("runs").resolve(suite.getName())));
  }

  private static Map<String, RunResult> runFiles(Path folder) {
    Map<String, RunResult> runs = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return runs;
    }
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(file -> runs.put(file.getFileName().toString(), Json.read(file, RunResult.class)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return runs;
  }
}
