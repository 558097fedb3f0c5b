package dev.rulebench.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.spi.RandomStreams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptSetsTest {

  private static PromptSets prompts(String language) {
    return Languages.load().get(language).prompts(RandomStreams.random(7, "prompts"));
  }

  private static List<String> text(String language, PromptSet set) {
    Vocabulary vocabulary = Languages.load().get(language).vocabulary();
    return set.words().stream().map(vocabulary::decode).toList();
  }

  @ParameterizedTest
  @CsvSource({"aNbN, 5, 251", "aNbNcN, 4, 239", "baN, 128, 128", "bbaN, 128, 128", "dyck, 32, 32", "cs_dyck, 32, 32"})
  void promptSetsHaveThePapersSizes(String language, int ids, int oods) {
    PromptSets sets = prompts(language);
    assertThat(sets.id().size()).isEqualTo(ids);
    assertThat(sets.ood().size()).isEqualTo(oods);
  }

  @Test
  void anbnInDistributionPromptsAreTheFiveCompletableOnes() {
    assertThat(text("aNbN", prompts("aNbN").id()))
        .containsExactlyInAnyOrder("aaaabbbb", "aaaaabbb", "aaaaaabb", "aaaaaaab", "aaaaaaaa");
  }

  @Test
  void anbncnInDistributionPromptsAreTheFourCompletableOnes() {
    assertThat(text("aNbNcN", prompts("aNbNcN").id()))
        .containsExactlyInAnyOrder("aaaaa", "aaaab", "aaabb", "aabbc");
  }

  @Test
  void exhaustivePromptSetsCoverEveryWordOnce() {
    assertThat(text("aNbN", prompts("aNbN").ood())).doesNotHaveDuplicates().hasSize(251)
        .contains("aaabbbbb", "babababa", "bbbbbbbb");
    assertThat(text("baN", prompts("baN").id())).allMatch(p -> p.startsWith("b") && p.length() == 8);
    assertThat(text("baN", prompts("baN").ood())).allMatch(p -> p.startsWith("a") && p.length() == 8);
  }

  @Test
  void bbaNPromptsFollowTheirTemplates() {
    assertThat(text("bbaN", prompts("bbaN").id())).allMatch(p -> p.matches("b{1,7}a{1,7}") && p.length() == 8);
    assertThat(text("bbaN", prompts("bbaN").ood())).allMatch(p -> p.matches("ab{1,6}a{1,6}") && p.length() == 8);
  }

  @ParameterizedTest
  @CsvSource({"dyck", "cs_dyck"})
  void bracketPromptsShareTheirDyckWords(String language) {
    PromptSets sets = prompts(language);
    List<String> id = text(language, sets.id());
    List<String> ood = text(language, sets.ood());
    for (int i = 0; i < id.size(); i++) {
      assertThat(id.get(i)).startsWith("([").hasSize(8);
      assertThat(ood.get(i)).isEqualTo(")[" + id.get(i).substring(2));
      int[] dyckWord = Languages.load().get("dyck").vocabulary().encode(id.get(i).substring(2));
      assertThat(Languages.load().get("dyck").isMember(dyckWord)).as(id.get(i)).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({"bbaN", "dyck", "cs_dyck"})
  void randomPromptSetsDependOnlyOnTheSeed(String language) {
    Language resolved = Languages.load().get(language);
    List<String> first = text(language, resolved.prompts(RandomStreams.random(3, "prompts")).ood());
    List<String> again = text(language, resolved.prompts(RandomStreams.random(3, "prompts")).ood());
    List<String> other = text(language, resolved.prompts(RandomStreams.random(4, "prompts")).ood());
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }
}
