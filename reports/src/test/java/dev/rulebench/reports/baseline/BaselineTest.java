package dev.rulebench.reports.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Statistic;
import dev.rulebench.reports.RunFixtures;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.Cells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

  @TempDir
  Path folder;

  /** The regressions of the table's aggregation (each usually has a last-validation twin). */
  private static List<String> tableRegressions(BaselineComparison comparison) {
    return comparison.regressions().stream().filter(r -> !r.lastValidation()).map(Regression::describe).toList();
  }

  private static Baseline baselineOf(List<RunResult> runs) {
    Map<String, Baseline> made = new BaselineMaker(Tolerances.defaults(), "0.1.0-SNAPSHOT").make(Cells.of(runs));
    assertThat(made).containsOnlyKeys("smoke");
    return made.get("smoke");
  }

  @Test
  void aBaselineHoldsEachCellsTableMetricsWithABandAndSurvivesTheFile() {
    Baseline baseline = baselineOf(RunFixtures.mainSuite());

    assertThat(baseline.cells()).extracting(BaselineCell::label).containsExactly(
        RunFixtures.MAIN_SUITE + " aNbN-lstm-bbbbbbbbbbbb",
        RunFixtures.MAIN_SUITE + " aNbN-transformer-aaaaaaaaaaaa",
        RunFixtures.MAIN_SUITE + " parity-transformer-cccccccccccc");
    BaselineCell transformer = baseline.cells().get(1);
    assertThat(transformer.aggregation()).isEqualTo(HistoryAggregation.PAPER);
    assertThat(transformer.seeds()).containsExactly(1L, 2L, 3L);
    assertThat(transformer.metrics()).containsOnlyKeys("test_loss", "id_r1", "id_r2", "ood_r1", "ood_r2_completion",
        "id_finished", "ood_finished");
    // OOD R1 maxima 0.7, 0.6, 0.65: std 0.05, so 3 std = 0.15 beats the 0.10 floor
    Band oodR1 = transformer.band(Metric.OOD_R1).orElseThrow();
    assertThat(oodR1.mean()).isCloseTo(0.65, within(1e-12));
    assertThat(oodR1.tolerance()).isCloseTo(0.15, within(1e-12));
    assertThat(oodR1.sides()).isEqualTo(Band.Sides.EITHER);
    assertThat(oodR1.seedStd()).isCloseTo(0.05, within(1e-12));
    // three seeds that agree: one prompt of 32 (the fixtures' count) is the floor
    Band idFinished = transformer.band(Metric.ID_FINISHED).orElseThrow();
    assertThat(idFinished.tolerance()).isEqualTo(1.0 / 32);
    assertThat(idFinished.granularity()).isEqualTo(1.0 / 32);
    // two seeds with equal ID R1 say little: the wide floor
    assertThat(baseline.cells().get(0).band(Metric.ID_R1).orElseThrow().tolerance()).isEqualTo(0.10);

    Path file = Baseline.file(folder, baseline.scale());
    baseline.write(file);
    assertThat(file.getFileName().toString()).isEqualTo("baseline-smoke.json");
    assertThat(Baseline.read(file)).isEqualTo(baseline);
  }

  @Test
  void theSameCellsPassAndWorseOnesRegressWithCellMetricBandAndActual() {
    Baseline baseline = baselineOf(RunFixtures.mainSuite());
    assertThat(BaselineComparison.compare(baseline, Cells.of(RunFixtures.mainSuite())).passed()).isTrue();

    // the Transformer forgets how to extrapolate, and its loss rises
    List<RunResult> worse = new ArrayList<>(RunFixtures.mainSuite().stream()
        .filter(run -> !run.architecture().equals("transformer") || !run.language().equals("aNbN")).toList());
    for (long seed = 1; seed <= 3; seed++) {
      worse.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "transformer", "aaaaaaaaaaaa", seed, "none",
          RunFixtures.point(1.2, 1.0, 1.0, 0.30, 1.0)));
    }
    BaselineComparison comparison = BaselineComparison.compare(baseline, Cells.of(worse));

    assertThat(comparison.passed()).isFalse();
    assertThat(comparison.checkedCells()).isEqualTo(3);
    assertThat(tableRegressions(comparison)).containsExactly(
        RunFixtures.MAIN_SUITE + " aNbN-transformer-aaaaaaaaaaaa: test_loss (test loss) baseline 0.5167 ± 0.4822"
            + " (fails below 0.0345 or above 0.9988), actual 1.2000 (n=3)",
        RunFixtures.MAIN_SUITE + " aNbN-transformer-aaaaaaaaaaaa: ood_r1 (OOD R1 (rule extrapolation)) baseline"
            + " 0.6500 ± 0.1500 (fails below 0.5000 or above 0.8000), actual 0.3000 (n=3)");
  }

  @Test
  void aBetterValueFailsATwoSidedBandAndPassesAOneSidedOne() {
    List<RunResult> better = new ArrayList<>(RunFixtures.mainSuite().stream()
        .filter(run -> !run.architecture().equals("transformer") || !run.language().equals("aNbN")).toList());
    for (long seed = 1; seed <= 3; seed++) {
      better.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "transformer", "aaaaaaaaaaaa", seed, "none",
          RunFixtures.point(0.5, 1.0, 1.0, 0.95, 1.0)));
    }
    BaselineComparison twoSided = BaselineComparison.compare(baselineOf(RunFixtures.mainSuite()), Cells.of(better));
    assertThat(tableRegressions(twoSided)).containsExactly(
        RunFixtures.MAIN_SUITE + " aNbN-transformer-aaaaaaaaaaaa: ood_r1 (OOD R1 (rule extrapolation)) baseline"
            + " 0.6500 ± 0.1500 (fails below 0.5000 or above 0.8000), actual 0.9500 (n=3)");

    Tolerances oneSided = Tolerances.defaults().oneSided(Metric.OOD_R1);
    Baseline lenient = new BaselineMaker(oneSided, "0.1.0-SNAPSHOT").make(Cells.of(RunFixtures.mainSuite()))
        .get("smoke");
    assertThat(lenient.cells().get(1).band(Metric.OOD_R1).orElseThrow().describe(Metric.OOD_R1))
        .isEqualTo("0.6500 ± 0.1500 (fails below 0.5000)");
    // by its bands (each seed's loss moved too, which the exact comparison below would see)
    assertThat(BaselineComparison.compare(lenient, Cells.of(better), false).passed()).isTrue();
  }

  @Test
  void aRuleMetricsGranularityIsOneFinishedCompletion() {
    List<RunResult> halfFinished = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      java.util.Map<Metric, Double> values = new java.util.EnumMap<>(RunFixtures.point(0.5, 1.0, 1.0, 0.5, 1.0)
          .asMap());
      values.put(Metric.OOD_FINISHED, 0.25);
      halfFinished.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", seed, "none",
          dev.rulebench.eval.Metrics.of(values)));
    }
    BaselineCell cell = baselineOf(halfFinished).cells().get(0);
    // 8 of 32 OOD completions finished: one of them moves OOD R1 by 1/8
    assertThat(cell.band(Metric.OOD_R1).orElseThrow().granularity()).isEqualTo(0.125);
    assertThat(cell.band(Metric.OOD_R1).orElseThrow().tolerance()).isEqualTo(0.125);
    assertThat(cell.band(Metric.TEST_LOSS).orElseThrow().granularity()).isNull();
    assertThat(cell.band(Metric.TEST_LOSS).orElseThrow().tolerance()).as("1 % of the loss with three seeds")
        .isCloseTo(0.005, within(1e-12));
  }

  @Test
  void betterValuesPassAndTheLossIsLowerIsBetter() {
    Band band = new Band(0.5, 0.1, Band.Sides.WORSE, null, null);
    assertThat(band.admits(Metric.OOD_R1, 0.95)).isTrue();
    assertThat(band.admits(Metric.OOD_R1, 0.41)).isTrue();
    assertThat(band.admits(Metric.OOD_R1, 0.39)).isFalse();
    assertThat(band.admits(Metric.TEST_LOSS, 0.01)).isTrue();
    assertThat(band.admits(Metric.TEST_LOSS, 0.61)).isFalse();
    Band either = Band.either(0.5, 0.1);
    assertThat(either.admits(Metric.OOD_R1, 0.59)).isTrue();
    assertThat(either.admits(Metric.OOD_R1, 0.61)).isFalse();
    assertThat(either.admits(Metric.TEST_LOSS, 0.39)).isFalse();
    assertThat(Band.either(1.0, 0.03).describe(Metric.ID_R1)).isEqualTo("1.0000 ± 0.0300 (fails below 0.9700)");
    assertThat(Tolerances.defaults().band(Metric.TEST_LOSS, new Statistic(0.02, 0, 1), null).tolerance())
        .as("the loss floor is 0.01 when 10 % of the mean is smaller").isEqualTo(0.01);
    assertThat(Tolerances.defaults().with(Metric.OOD_R1, 0.3).band(Metric.OOD_R1, new Statistic(0.5, 0.2, 3), null)
        .tolerance()).isEqualTo(0.3);
  }

  @Test
  void newAndChangedCellsAreNamedNotCompared() {
    Baseline baseline = baselineOf(RunFixtures.mainSuite().subList(0, 5));
    List<RunResult> changed = new ArrayList<>(RunFixtures.mainSuite());
    changed.removeIf(run -> run.architecture().equals("lstm"));
    changed.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "9999bbbbbbbb", 1, "none",
        RunFixtures.point(0.02, 0.9, 1.0, 0.95, 1.0)));

    BaselineComparison comparison = BaselineComparison.compare(baseline, Cells.of(changed));

    assertThat(comparison.passed()).isTrue();
    assertThat(comparison.checkedCells()).isEqualTo(1);
    assertThat(comparison.unknownCells()).containsExactly(
        RunFixtures.MAIN_SUITE + " aNbN-lstm-9999bbbbbbbb has no baseline: the baseline's aNbN lstm cell has"
            + " configuration bbbbbbbbbbbb, this build ran 9999bbbbbbbb (a configuration changed); run"
            + " rulebench:baseline to record the new one",
        RunFixtures.MAIN_SUITE + " parity-transformer-cccccccccccc has no baseline (a new cell); run"
            + " rulebench:baseline to record it");
    assertThat(comparison.absentCells()).containsExactly(RunFixtures.MAIN_SUITE + " aNbN-lstm-bbbbbbbbbbbb");
  }

  @Test
  void theCaseStudyIsBaselinedAtTheBestCheckpoint() {
    Baseline baseline = baselineOf(RunFixtures.caseStudySuite());
    List<Cell> cells = Cells.of(RunFixtures.caseStudySuite());
    assertThat(baseline.cells()).allSatisfy(cell -> assertThat(cell.aggregation())
        .isEqualTo(HistoryAggregation.BEST_CHECKPOINT));
    BaselineCell normal = baseline.cells().stream().filter(c -> c.configHash().equals("dddddddddddd")).findFirst()
        .orElseThrow();
    assertThat(normal.band(Metric.OOD_R1).orElseThrow().mean()).isCloseTo(0.46, within(1e-12));
    assertThat(BaselineComparison.compare(baseline, cells).passed()).isTrue();
  }

  @Test
  void aFileThatIsNoBaselineIsNamedWithTheFix() throws Exception {
    Path file = folder.resolve("baseline-smoke.json");
    Files.writeString(file, "{\"runs\": 3}");
    assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + " is not a RuleBench baseline").hasMessageContaining("rulebench:baseline");
  }

  /** The main suite with the aⁿbⁿ Transformer's OOD completions never finishing. */
  private static List<RunResult> transformerUnfinished() {
    List<RunResult> runs = new ArrayList<>(RunFixtures.mainSuite().stream()
        .filter(run -> !run.architecture().equals("transformer") || !run.language().equals("aNbN")).toList());
    for (long seed = 1; seed <= 3; seed++) {
      runs.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "transformer", "aaaaaaaaaaaa", seed, "none",
          RunFixtures.oodUnfinished(0.5, 1.0, 1.0)));
    }
    return runs;
  }

  @Test
  void aBaselineRecordsANotMeasuredMetricAsNullAndNotMeasuredInBothPasses() throws Exception {
    Baseline baseline = baselineOf(transformerUnfinished());
    BaselineCell transformer = baseline.cells().get(1);
    assertThat(transformer.notMeasured(Metric.OOD_R1)).isTrue();
    assertThat(transformer.notMeasured(Metric.OOD_R2_COMPLETION)).isTrue();
    assertThat(transformer.band(Metric.OOD_R1)).isEmpty();
    assertThat(transformer.notMeasured(Metric.ID_R1)).isFalse();
    assertThat(transformer.band(Metric.OOD_FINISHED).orElseThrow().mean()).isZero();

    Path file = Baseline.file(folder, baseline.scale());
    baseline.write(file);
    assertThat(Files.readString(file)).contains("\"ood_r1\" : null");
    Baseline read = Baseline.read(file);
    assertThat(read).isEqualTo(baseline);
    assertThat(read.cells().get(1).notMeasured(Metric.OOD_R1)).isTrue();

    assertThat(BaselineComparison.compare(read, Cells.of(transformerUnfinished())).passed()).isTrue();
  }

  @Test
  void aMetricMeasuredInTheBaselineButNotNowFailsWithTheReason() {
    Baseline baseline = baselineOf(RunFixtures.mainSuite());
    BaselineComparison comparison = BaselineComparison.compare(baseline, Cells.of(transformerUnfinished()));

    assertThat(comparison.passed()).isFalse();
    String cell = RunFixtures.MAIN_SUITE + " aNbN-transformer-aaaaaaaaaaaa";
    assertThat(tableRegressions(comparison)).containsExactly(
        cell + ": ood_r1 (OOD R1 (rule extrapolation)) was 0.6500 in the baseline, not measured now (no OOD"
            + " completion finished in any run)",
        cell + ": ood_r2_completion (OOD R2 completion) was 1.0000 in the baseline, not measured now (no OOD"
            + " completion finished in any run)",
        cell + ": ood_finished (OOD finished) baseline 1.0000 ± 0.0313 (fails below 0.9688), actual 0.0000 (n=3)");
  }

  @Test
  void aMetricNotMeasuredInTheBaselineButMeasuredNowIsAChangeThatFails() {
    Baseline baseline = baselineOf(transformerUnfinished());
    BaselineComparison comparison = BaselineComparison.compare(baseline, Cells.of(RunFixtures.mainSuite()));

    assertThat(comparison.passed()).isFalse();
    assertThat(comparison.regressions()).extracting(Regression::describe).contains(
        RunFixtures.MAIN_SUITE + " aNbN-transformer-aaaaaaaaaaaa: ood_finished (OOD finished) baseline 0.0000 ±"
            + " 0.0313 (fails above 0.0313), actual 1.0000 (n=3)",
        RunFixtures.MAIN_SUITE + " aNbN-transformer-aaaaaaaaaaaa: ood_r1 (OOD R1 (rule extrapolation)) was not"
            + " measured in the baseline (no OOD completion finished), 0.6500 now (n=3): a change the baseline does"
            + " not cover; if it is intended, record it with rulebench:baseline",
        RunFixtures.MAIN_SUITE + " aNbN-transformer-aaaaaaaaaaaa: ood_r2_completion (OOD R2 completion) was not"
            + " measured in the baseline (no OOD completion finished), 1.0000 now (n=3): a change the baseline does"
            + " not cover; if it is intended, record it with rulebench:baseline");
  }

  @Test
  void aBaselineOfTheOldOneSidedSchemaIsRefusedWithTheFix() throws Exception {
    Path file = folder.resolve("baseline-smoke.json");
    Files.writeString(file, """
        {"schema": 1, "scale": "smoke", "rulebenchVersion": "0.1.0-SNAPSHOT", "created": "2026-11-26T11:16:40Z",
         "howToUpdate": "…", "cells": [{"suite": "%s", "language": "aNbN", "architecture": "transformer",
         "configHash": "aaaaaaaaaaaa", "aggregation": "PAPER", "seeds": [1, 2, 3],
         "metrics": {"ood_r1": {"mean": 0.0, "tolerance": 0.1}}}]}
        """.formatted(RunFixtures.MAIN_SUITE));
    // its bands were one-sided and its zeros may stand for "not measured": it must be written again
    assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a RuleBench baseline of schema 2").hasMessageContaining("rulebench:baseline");
  }

  @Test
  void aChangeOnlyTheLastValidationShowsIsCaughtThere() {
    // each seed's best test loss (0.2) is unchanged; the last validation's rises from 0.21 to 0.6
    List<RunResult> before = new ArrayList<>();
    List<RunResult> after = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      before.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", seed, "none",
          RunFixtures.point(0.2, 1.0, 1.0, 0.5, 1.0), RunFixtures.point(0.21, 1.0, 1.0, 0.5, 1.0)));
      after.add(RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", seed, "none",
          RunFixtures.point(0.2, 1.0, 1.0, 0.5, 1.0), RunFixtures.point(0.6, 1.0, 1.0, 0.5, 1.0)));
    }
    BaselineComparison comparison = BaselineComparison.compare(baselineOf(before), Cells.of(after));

    assertThat(comparison.regressions()).extracting(Regression::describe).containsExactly(
        RunFixtures.MAIN_SUITE + " aNbN-lstm-bbbbbbbbbbbb: test_loss (test loss) at the last validation baseline"
            + " 0.2100 ± 0.00210 (fails below 0.2079 or above 0.2121), actual 0.6000 (n=3)");
  }

  /** Three seeds of an LSTM cell whose OOD R1 per seed is given, made on the fixtures' machine unless {@code cpu}. */
  private static List<RunResult> lstmSeeds(String cpu, double... oodR1) {
    List<RunResult> runs = new ArrayList<>();
    for (int i = 0; i < oodR1.length; i++) {
      RunResult run = RunFixtures.run(RunFixtures.MAIN_SUITE, "aNbN", "lstm", "bbbbbbbbbbbb", i + 1, "none",
          RunFixtures.point(0.3, 1.0, 1.0, oodR1[i], 1.0));
      runs.add(cpu == null ? run : RunFixtures.onMachine(run, cpu, run.environment().device()));
    }
    return runs;
  }

  @Test
  void aSeedThatChangedInsideEveryBandIsCaughtOnTheKindOfMachineThatMadeTheBaseline() throws Exception {
    Baseline baseline = baselineOf(lstmSeeds(null, 0.30, 0.60, 0.90));
    Path file = Baseline.file(folder, "smoke");
    baseline.write(file);
    assertThat(Baseline.read(file).cells().get(0).perSeed()).extracting(SeedRecord::seed).containsExactly(1L, 2L, 3L);
    assertThat(Baseline.read(file).cells().get(0).seedRecord(2).orElseThrow().metrics()).containsEntry("ood_r1", 0.6);

    // the same runs pass, and say they were compared exactly
    BaselineComparison same = BaselineComparison.compare(Baseline.read(file), Cells.of(lstmSeeds(null, 0.30, 0.60,
        0.90)));
    assertThat(same.passed()).isTrue();
    assertThat(same.seedsComparedExactly()).isEqualTo(3);
    assertThat(same.seedsOnBandsOnly()).isEmpty();

    // seeds 1 and 3 swap their values: the mean and spread are the same, the band admits it, the seeds do not
    BaselineComparison swapped = BaselineComparison.compare(Baseline.read(file), Cells.of(lstmSeeds(null, 0.90, 0.60,
        0.30)));
    assertThat(swapped.regressions()).isEmpty();
    assertThat(swapped.seedChanges()).extracting(SeedChange::describe).containsExactly(
        RunFixtures.MAIN_SUITE + " aNbN-lstm-bbbbbbbbbbbb seed 1 changed on the kind of machine that made its baseline,"
            + " where a seed reproduces to the last bit: ood_r1 0.3000 → 0.9000, ood_r1 at the last validation"
            + " 0.3000 → 0.9000",
        RunFixtures.MAIN_SUITE + " aNbN-lstm-bbbbbbbbbbbb seed 3 changed on the kind of machine that made its baseline,"
            + " where a seed reproduces to the last bit: ood_r1 0.9000 → 0.3000, ood_r1 at the last validation"
            + " 0.9000 → 0.3000");
    assertThat(swapped.passed()).isFalse();

    // a difference in the last bits shows as many digits as it takes
    BaselineComparison tiny = BaselineComparison.compare(Baseline.read(file), Cells.of(lstmSeeds(null, 0.30,
        Math.nextUp(0.60), 0.90)));
    assertThat(tiny.seedChanges()).singleElement().extracting(SeedChange::describe).asString()
        .contains("ood_r1 0.6000000000000000 → 0.6000000000000001");

    // turned off, only the bands compare
    assertThat(BaselineComparison.compare(Baseline.read(file), Cells.of(lstmSeeds(null, 0.90, 0.60, 0.30)), false)
        .passed()).isTrue();
  }

  @Test
  void onAnotherKindOfMachineOnlyTheBandsCompareAndTheReasonIsGiven() {
    Baseline baseline = baselineOf(lstmSeeds(null, 0.30, 0.60, 0.90));

    BaselineComparison elsewhere = BaselineComparison.compare(baseline, Cells.of(lstmSeeds("Intel Xeon (flags"
        + " 12345678)", 0.90, 0.60, 0.30)));
    assertThat(elsewhere.passed()).isTrue();
    assertThat(elsewhere.seedsComparedExactly()).isZero();
    assertThat(elsewhere.seedsOnBandsOnly()).singleElement().asString().startsWith("another kind of machine or backend: the"
        + " baseline's runs were made on Linux amd64; AMD EPYC (flags 0badcafe); Eclipse Adoptium 17; TensorFlow Java"
        + " 1.1.0, this build's on Linux amd64; Intel Xeon (flags 12345678)");
    // a run whose processor is unknown, or on a GPU, cannot promise its bits
    String cpu = lstmSeeds(null, 0.3).get(0).environment().cpu();
    assertThat(BaselineComparison.compare(baseline, Cells.of(lstmSeeds(null, 0.30, 0.60, 0.90).stream()
        .map(run -> RunFixtures.onMachine(run, null, "cpu")).toList())).seedsOnBandsOnly()).singleElement().asString()
        .contains("does not reproduce to the last bit");
    assertThat(BaselineComparison.compare(baseline, Cells.of(lstmSeeds(null, 0.30, 0.60, 0.90).stream()
        .map(run -> RunFixtures.onMachine(run, cpu, "gpu:0")).toList())).seedsOnBandsOnly()).singleElement()
        .asString().contains("does not reproduce to the last bit");
    // the device as TensorFlow resolved it ("cpu (auto: no GPU visible)") is a CPU
    BaselineComparison auto = BaselineComparison.compare(baselineOf(lstmSeeds(null, 0.30, 0.60, 0.90).stream()
        .map(run -> RunFixtures.onMachine(run, cpu, "cpu (auto: no GPU visible)")).toList()), Cells.of(
        lstmSeeds(null, 0.30, 0.60, 0.90).stream().map(run -> RunFixtures.onMachine(run, cpu,
        "cpu (auto: no GPU visible)")).toList()));
    assertThat(auto.seedsComparedExactly()).isEqualTo(3);
  }

  @Test
  void aOneSidedBandsSeedsMayImproveButNotWorsen() {
    Tolerances oneSided = Tolerances.defaults().oneSided(Metric.OOD_R1);
    Baseline baseline = new BaselineMaker(oneSided, "0.1.0-SNAPSHOT").make(Cells.of(lstmSeeds(null, 0.30, 0.60, 0.90)))
        .get("smoke");

    assertThat(BaselineComparison.compare(baseline, Cells.of(lstmSeeds(null, 0.35, 0.60, 0.90))).passed()).isTrue();
    assertThat(BaselineComparison.compare(baseline, Cells.of(lstmSeeds(null, 0.25, 0.60, 0.90))).seedChanges())
        .extracting(SeedChange::seed).containsExactly(1L);
  }

  @Test
  void aCellThatRanSomeOfItsSeedsIsComparedSeedBySeedNotByItsBands() {
    Baseline baseline = baselineOf(lstmSeeds(null, 0.30, 0.60, 0.90));
    // seed 2 alone (rulebench.select): its 0.60 is the band's mean, seed 3 alone is not
    List<RunResult> seed3 = lstmSeeds(null, 0.30, 0.60, 0.90).subList(2, 3);

    BaselineComparison comparison = BaselineComparison.compare(baseline, Cells.of(seed3));
    assertThat(comparison.passed()).isTrue();
    assertThat(comparison.seedsComparedExactly()).isEqualTo(1);
    assertThat(comparison.partialCells()).singleElement().asString().endsWith("aNbN-lstm-bbbbbbbbbbbb ran seeds [3] of"
        + " the baseline's [1, 2, 3]: its bands (of the mean over the baseline's seeds) are not compared, only its"
        + " seeds are");
    // on another kind of machine nothing of such a cell is checked, and it says so
    assertThat(BaselineComparison.compare(baseline, Cells.of(lstmSeeds("Intel Xeon (flags 12345678)", 0.30, 0.60,
        0.90).subList(2, 3))).partialCells()).singleElement().asString()
        .endsWith("none of its seeds could be compared exactly, so nothing of it is checked");
    // and a changed seed among them still fails
    assertThat(BaselineComparison.compare(baseline, Cells.of(lstmSeeds(null, 0.30, 0.60, 0.10).subList(2, 3)))
        .seedChanges()).extracting(SeedChange::seed).containsExactly(3L);
  }
}
