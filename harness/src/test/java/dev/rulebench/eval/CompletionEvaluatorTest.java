package dev.rulebench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Languages;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionEvaluatorTest {

  private final Language anbn = Languages.load().get("aNbN");
  private final Vocabulary v = anbn.vocabulary();

  private PromptSets prompts(List<String> id, List<String> ood) {
    return new PromptSets(new PromptSet(PromptKind.ID, id.stream().map(v::encode).toList()),
        new PromptSet(PromptKind.OOD, ood.stream().map(v::encode).toList()));
  }

  /** Completion text with {@code .} for EOS and {@code _} for PAD. */
  private int[] completion(String text) {
    return text.chars().map(c -> c == '.' ? Vocabulary.EOS : c == '_' ? Vocabulary.PAD : v.id((char) c)).toArray();
  }

  @Test
  void onlyFinishedCompletionsCountAndEachIsCutAtItsFirstEos() {
    PromptSets sets = prompts(List.of("aaab", "aa", "ab"), List.of("ba", "ba", "bba", "abb"));
    Metrics m = new CompletionEvaluator(anbn).evaluate(sets,
        List.of(completion("bb.aaa"), completion("bb"), completion(".")),
        List.of(completion("ab.b"), completion("aab."), completion("a.bbb"), completion("abb")));
    // ID: "aaab"+"bb" is a member; "aa"+"bb" unfinished (ignored); "ab" + "" is a member
    assertThat(m.get(Metric.ID_R1)).isEqualTo(1.0);
    assertThat(m.get(Metric.ID_GRAMMATICAL)).isEqualTo(1.0);
    assertThat(m.get(Metric.ID_FINISHED)).isCloseTo(2.0 / 3, within(1e-12));
    // OOD finished: "ba"+"ab" (#a=#b, C keeps R2), "ba"+"aab" (#a 3 #b 2), "bba"+"a" (#a=#b, C keeps R2)
    assertThat(m.get(Metric.OOD_R1)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.get(Metric.OOD_R2_COMPLETION)).isEqualTo(1.0);
    assertThat(m.get(Metric.OOD_R2)).isEqualTo(0.0);
    assertThat(m.get(Metric.OOD_FINISHED)).isEqualTo(0.75);
  }

  @Test
  void aPromptSetWithoutFinishedCompletionsIsNotMeasuredRatherThanZero() {
    PromptSets sets = prompts(List.of("ab"), List.of("ba"));
    Metrics m = new CompletionEvaluator(anbn).evaluate(sets, List.of(completion("ab")), List.of(completion("__")));
    assertThat(m.notMeasured()).containsExactlyInAnyOrder(Metric.ID_R1, Metric.ID_R2, Metric.ID_GRAMMATICAL,
        Metric.OOD_R1, Metric.OOD_R2, Metric.OOD_R2_COMPLETION);
    assertThat(m.find(Metric.OOD_R1)).isEmpty();
    assertThatThrownBy(() -> m.get(Metric.OOD_R1)).isInstanceOf(MetricNotMeasuredException.class)
        .hasMessage("OOD R1 (rule extrapolation) was not measured: none of the OOD completions finished (emitted EOS)");
    assertThat(m.get(Metric.OOD_FINISHED)).isZero();
    assertThat(m.format(Metric.ID_R1)).isEqualTo("–");
    // the result file keeps the key with null, and reads it back as not measured
    String json = dev.rulebench.config.Json.write(m);
    assertThat(json).contains("\"ood_r1\" : null");
    assertThat(dev.rulebench.config.Json.read(json, Metrics.class)).isEqualTo(m);
  }

  @Test
  void strayTokensInACompletionAreIgnoredByTheRulesButNotByMembershipOfSymbols() {
    PromptSets sets = prompts(List.of("a"), List.of("ba"));
    Metrics m = new CompletionEvaluator(anbn).evaluate(sets, List.of(completion("_b.")), List.of(completion("_ab.")));
    assertThat(m.get(Metric.ID_R1)).isEqualTo(1.0);
    assertThat(m.get(Metric.OOD_R1)).isEqualTo(1.0);
  }
}
