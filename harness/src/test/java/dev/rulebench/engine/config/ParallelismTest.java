package dev.rulebench.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.engine.config.EngineConfiguration.Parallelism;
import dev.rulebench.trial.Scale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParallelismTest {

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  void autoIsOneRunPerCoreOnOneThreadBelowPaperScaleOnTheCpu() {
    Parallelism auto = Parallelism.of("auto", "auto", Optional.of(Scale.QUICK));
    assertThat(auto.runs()).isEqualTo(CORES);
    assertThat(auto.threadsPerRun()).isEqualTo(CORES == 1 ? 0 : 1);
    assertThat(Parallelism.of("auto", "cpu", Optional.empty()).runs()).isEqualTo(CORES);
  }

  @Test
  void oneRunAtATimeOnEveryCoreIsTheDefault() {
    assertThat(EngineConfiguration.defaults().parallelism()).isEqualTo(1);
    assertThat(EngineConfiguration.defaults().threadsPerRun()).isZero();
  }

  @Test
  void autoIsOneRunOnEveryCoreAtPaperScaleOrOnTheGpu() {
    assertThat(Parallelism.of("auto", "auto", Optional.of(Scale.PAPER))).isEqualTo(new Parallelism(1, 0));
    assertThat(Parallelism.of("auto", "gpu", Optional.of(Scale.SMOKE))).isEqualTo(new Parallelism(1, 0));
  }

  @Test
  void aStatedCountDividesTheCoresAmongItsRuns() {
    assertThat(Parallelism.of("1", "auto", Optional.empty())).isEqualTo(new Parallelism(1, 0));
    assertThat(Parallelism.of("2", "auto", Optional.empty()).threadsPerRun()).isEqualTo(Math.max(1, CORES / 2));
    assertThat(Parallelism.of(String.valueOf(4 * CORES), "auto", Optional.empty()).threadsPerRun()).isEqualTo(1);
  }
}
