package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import dev.rulebench.engine.descriptor.CellDescriptor;
import dev.rulebench.engine.descriptor.CheckDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The {@code rulebench} engine under {@link EngineTestKit}, isolated from the machine: its own
 * output and cache folders, no implicit configuration (system properties, properties files) and no
 * console output unless asked.
 */
final class RuleBenchKit {

  private final Map<String, String> parameters = new LinkedHashMap<>();

  RuleBenchKit(Path folder) {
    parameters.put(Constants.OUTPUT_DIR, folder.resolve("out").toString());
    parameters.put(Constants.CACHE_DIR, folder.resolve("cache").toString());
    parameters.put(Constants.PROGRESS, "false");
    // one run at a time, so tests can speak of "the first run"; the parallel tests set their own
    parameters.put(Constants.PARALLELISM, "1");
  }

  RuleBenchKit with(String key, String value) {
    parameters.put(key, value);
    return this;
  }

  Map<String, String> parameters() {
    return Map.copyOf(parameters);
  }

  Path output() {
    return Path.of(parameters.get(Constants.OUTPUT_DIR));
  }

  Path cache() {
    return Path.of(parameters.get(Constants.CACHE_DIR));
  }

  EngineTestKit.Builder engine(DiscoverySelector... selectors) {
    return EngineTestKit.engine(RuleBenchTestEngine.ENGINE_ID)
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(parameters)
        .selectors(selectors);
  }

  /** The tree as indented lines: kind, unique-id value and display name. */
  static String outline(TestDescriptor descriptor) {
    StringBuilder text = new StringBuilder();
    outline(descriptor, 0, text);
    return text.toString();
  }

  private static void outline(TestDescriptor descriptor, int depth, StringBuilder text) {
    String kind = descriptor instanceof CellDescriptor ? "cell" : descriptor instanceof RunDescriptor ? "run"
        : descriptor instanceof CheckDescriptor ? "check" : descriptor.isRoot() ? "engine" : "suite";
    text.append("  ".repeat(depth)).append(kind).append(' ').append(descriptor.getUniqueId().getLastSegment()
        .getValue()).append(" \"").append(descriptor.getDisplayName()).append("\"\n");
    for (TestDescriptor child : descriptor.getChildren()) {
      outline(child, depth + 1, text);
    }
  }
}
