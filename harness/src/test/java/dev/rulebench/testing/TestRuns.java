package dev.rulebench.testing;

import dev.rulebench.api.RunResult;
import dev.rulebench.grammar.builtin.ANbN;
import dev.rulebench.run.ProgressListener;
import dev.rulebench.run.Scale;
import dev.rulebench.run.Trial;
import dev.rulebench.run.TrialRunner;
import java.util.Map;

/** Real run results for unit tests, trained by the n-gram backend at smoke scale. */
public final class TestRuns {

  private TestRuns() {}

  public static Trial trial(long seed) {
    return Trial.at("test", new ANbN(), new NGramArchitecture(), Map.of(), Map.of("decoding", "sample"), Scale.SMOKE,
        seed, "cpu");
  }

  public static RunResult train(long seed) {
    return new TrialRunner(ProgressListener.NONE).run(trial(seed));
  }
}
