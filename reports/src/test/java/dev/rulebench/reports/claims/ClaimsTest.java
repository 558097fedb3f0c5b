package dev.rulebench.reports.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Metrics;
import dev.rulebench.reports.RunFixtures;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.claims.ClaimOutcome.Verdict;
import dev.rulebench.reports.reference.ReferenceTable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsTest {

  private static final ClaimData PAPERS = ClaimData.of(ReferenceTable.mainTable(), ReferenceTable.caseStudy());

  private static RunResult run(String language, String architecture, String supervision, Metrics metrics) {
    // one cell per language, architecture and training variant
    String configHash = Integer.toHexString((language + architecture + supervision).hashCode());
    return RunFixtures.run(RunFixtures.MAIN_SUITE, language, architecture, configHash, 1, supervision, metrics);
  }

  private static Map<Claim, ClaimOutcome> evaluate(String rule, List<RunResult> runs) {
    Claims claims = Claims.parse(List.of("c | test | a claim | " + rule));
    return claims.evaluate(ClaimData.of(Cells.of(runs)));
  }

  private static ClaimOutcome only(Map<Claim, ClaimOutcome> outcomes) {
    assertThat(outcomes).hasSize(1);
    return outcomes.values().iterator().next();
  }

  @Test
  void everyPublishedClaimHoldsOnThePapersOwnValues() {
    Map<Claim, ClaimOutcome> outcomes = Claims.published().evaluate(PAPERS);
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(9);
    outcomes.forEach((claim, outcome) -> assertThat(outcome.verdict()).as(claim.statement() + ": " + outcome)
        .isEqualTo(Verdict.HOLDS));
  }

  @Test
  void highestHoldsOnlyForTheLargestValue() {
    List<RunResult> runs = List.of(
        run("aNbN", "transformer", "none", RunFixtures.point(0.1, 1, 1, 0.7, 1)),
        run("aNbN", "lstm", "none", RunFixtures.point(0.1, 1, 1, 0.4, 1)));
    assertThat(only(evaluate("highest ood_r1 transformer on aNbN", runs)))
        .satisfies(o -> assertThat(o.verdict()).isEqualTo(Verdict.HOLDS))
        .satisfies(o -> assertThat(o.evidence()).isEqualTo("aNbN: transformer 0.700 against lstm 0.400"));
    assertThat(only(evaluate("highest ood_r1 lstm on aNbN", runs)).verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
    assertThat(only(evaluate("highest ood_r1 lstm on dyck", runs)).verdict()).isEqualTo(Verdict.NOT_MEASURED);
  }

  @Test
  void aMetricNoCompletionFinishedForMakesTheClaimNotMeasuredNotFalse() {
    Map<Metric, Double> unfinished = new EnumMap<>(RunFixtures.point(0.3, 1, 1, 0, 1).asMap());
    unfinished.put(Metric.OOD_R1, null);
    List<RunResult> runs = List.of(
        run("baN", "lstm", "none", Metrics.of(unfinished)),
        run("baN", "mamba", "none", RunFixtures.point(0.3, 1, 1, 0.6, 1)));
    ClaimOutcome outcome = only(evaluate("highest ood_r1 lstm on baN", runs));
    assertThat(outcome.verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(outcome.evidence()).contains("no completion finished");
  }

  @Test
  void atLeastNamesEveryValueBelowTheBound() {
    List<RunResult> runs = List.of(
        run("aNbN", "lstm", "none", RunFixtures.point(0.1, 1, 0.5, 0, 1)),
        run("aNbN", "mamba", "none", RunFixtures.point(0.1, 1, 1, 0, 1)));
    ClaimOutcome outcome = only(evaluate("at-least 0.9 id_r1,id_r2 lstm,mamba on aNbN", runs));
    assertThat(outcome.verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
    assertThat(outcome.evidence()).isEqualTo("below 0.900: aNbN lstm id_r2 0.500");
  }

  @Test
  void atLeastOverModelsThatDidNotRunIsNotMeasured() {
    List<RunResult> runs = List.of(run("aNbN", "mamba", "none", RunFixtures.point(0.1, 1, 1, 0, 1)));
    ClaimOutcome outcome = only(evaluate("at-least 0.9 id_r1 lstm,mamba on aNbN", runs));
    assertThat(outcome.verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(outcome.evidence()).isEqualTo("no cell for aNbN lstm");
  }

  @Test
  void anOrderHoldsOnlyAtEqualTestLoss() {
    List<RunResult> equal = List.of(
        run("aNbN", "transformer", "adversarial", RunFixtures.point(0.10, 1, 1, 0.0, 1)),
        run("aNbN", "transformer", "none", RunFixtures.point(0.10, 1, 1, 0.4, 1)),
        run("aNbN", "transformer", "oracle", RunFixtures.point(0.105, 1, 1, 0.9, 1)));
    String rule = "ordered ood_r1 adversarial < normal < oracle on aNbN loss-within 0.10";
    assertThat(only(evaluate(rule, equal)).verdict()).isEqualTo(Verdict.HOLDS);

    List<RunResult> unequal = List.of(equal.get(0), equal.get(1),
        run("aNbN", "transformer", "oracle", RunFixtures.point(0.2, 1, 1, 0.9, 1)));
    ClaimOutcome outcome = only(evaluate(rule, unequal));
    assertThat(outcome.verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
    assertThat(outcome.evidence()).contains("test losses differ by 100 %, more than 10 %");
  }

  @Test
  void aMalformedClaimNamesItsLine() {
    assertThatThrownBy(() -> Claims.parse(List.of("# comment", "x | p | s | highest ood_r9 lstm on baN")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claims line 2")
        .hasMessageContaining("unknown metric 'ood_r9'");
    assertThatThrownBy(() -> Claims.parse(List.of("x | p | s | loudest ood_r1 lstm on baN")))
        .hasMessageContaining("unknown rule 'loudest'; known: highest, at-least, ordered");
  }

  @Test
  void theMarkdownShowsBothVerdictsWithTheirNumbers() {
    List<RunResult> runs = List.of(
        run("aNbN", "transformer", "none", RunFixtures.point(0.1, 1, 1, 0.7, 1)),
        run("aNbN", "lstm", "none", RunFixtures.point(0.1, 1, 1, 0.4, 1)));
    String markdown = Claims.markdown(Claims.published().check(ClaimData.of(Cells.of(runs)), PAPERS));
    assertThat(markdown).contains("| On aⁿbⁿ the Transformer extrapolates R1 best (highest OOD R1) | NeurIPS 2024 | "
        + "**holds**: aNbN: transformer 0.700 against lstm 0.400 | **holds**: aNbN: transformer 0.657 against ");
  }
}
