package dev.rulebench.testing;

import dev.rulebench.api.RunResult;
import dev.rulebench.grammar.builtin.ANbN;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.train.Trainer;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import java.util.Map;

/** Real run results for unit tests, trained by the n-gram backend at smoke scale. */
public final class TestRuns {

  private TestRuns() {}

  public static Trial trial(long seed) {
    return Trial.at("test", new ANbN(), new NGramArchitecture(), Map.of(), Map.of("decoding", "sample"), Scale.SMOKE,
        seed, "cpu");
  }

  public static RunResult train(long seed) {
    return new Trainer(ProgressListener.NONE).run(trial(seed));
  }
}
