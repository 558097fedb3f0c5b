package dev.rulebench.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rulebench.api.Constants;
import dev.rulebench.engine.RuleBenchTestEngine;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.engine.examples.UnevenRunsSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;

class RunSchedulerTest {

  @TempDir
  Path folder;

  @Test
  void severalLanesTakeTheLongestRunsFirstAndEqualOnesInTreeOrder() {
    List<RunDescriptor> tree = runs(EngineTestKit.engine(RuleBenchTestEngine.ENGINE_ID)
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(Map.of(Constants.OUTPUT_DIR, folder.resolve("out").toString(),
            Constants.CACHE_DIR, folder.resolve("cache").toString()))
        .selectors(selectClass(UnevenRunsSuite.class)).discover().getEngineDescriptor());
    assertThat(tree).extracting(RunSchedulerTest::name).containsExactly(
        "ngram 10 seed 1", "ngram 10 seed 2", "ngram 40 seed 1", "ngram 40 seed 2",
        "heavy 10 seed 1", "heavy 10 seed 2", "heavy 40 seed 1", "heavy 40 seed 2",
        "unsaid 10 seed 1", "unsaid 10 seed 2", "unsaid 40 seed 1", "unsaid 40 seed 2");

    // expected cost: the architecture's relative step cost (1 and 8) × steps × tokens per step; one
    // that throws when asked costs nothing, and its runs keep tree order at the end
    assertThat(RunScheduler.longestFirst(tree)).extracting(RunSchedulerTest::name).containsExactly(
        "heavy 40 seed 1", "heavy 40 seed 2", "heavy 10 seed 1", "heavy 10 seed 2",
        "ngram 40 seed 1", "ngram 40 seed 2", "ngram 10 seed 1", "ngram 10 seed 2",
        "unsaid 10 seed 1", "unsaid 10 seed 2", "unsaid 40 seed 1", "unsaid 40 seed 2");
  }

  private static String name(RunDescriptor run) {
    return run.cell().architectureName() + " " + run.trial().training().maxSteps() + " seed " + run.seed();
  }

  private static List<RunDescriptor> runs(TestDescriptor root) {
    List<RunDescriptor> runs = new ArrayList<>();
    root.accept(descriptor -> {
      if (descriptor instanceof RunDescriptor run) {
        runs.add(run);
      }
    });
    return runs;
  }
}
