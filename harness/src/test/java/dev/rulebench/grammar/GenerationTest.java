package dev.rulebench.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.spi.RandomStreams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerationTest {

  @ParameterizedTest
  @ValueSource(strings = {"baN", "bbaN", "aNbN", "aNbNcN", "dyck", "cs_dyck"})
  void everyGeneratedWordIsAMemberWithinTheMaximumLength(String name) {
    Language language = Languages.load().get(name);
    TrainingData data = language.generate(language.paperData(), RandomStreams.random(11, "data"));
    assertThat(data.train()).hasSize(language.trainingSize(language.paperData()));
    for (List<int[]> split : List.of(data.train(), data.validation())) {
      for (int[] word : split) {
        assertThat(language.isMember(word)).as(language.vocabulary().decode(word)).isTrue();
        assertThat(word.length).isBetween(1, 256);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"baN", "bbaN", "aNbN", "aNbNcN", "dyck", "cs_dyck"})
  void theSameSeedGivesTheSameData(String name) {
    Language language = Languages.load().get(name);
    DataSpec spec = language.paperData().withSizes(300, 50);
    TrainingData first = language.generate(spec, RandomStreams.random(5, "data"));
    TrainingData again = language.generate(spec, RandomStreams.random(5, "data"));
    assertThat(again.train()).usingElementComparator(java.util.Arrays::compare).isEqualTo(first.train());
    assertThat(again.validation()).usingElementComparator(java.util.Arrays::compare).isEqualTo(first.validation());
  }

  @Test
  void allLengthsDataSetsHoldOneWordPerN() {
    Language anbn = Languages.load().get("aNbN");
    TrainingData data = anbn.generate(anbn.paperData(), RandomStreams.random(1, "data"));
    assertThat(data.train()).hasSize(128);
    assertThat(data.validation()).isEqualTo(data.train());
    assertThat(data.train().get(0)).containsExactly(3, 4);
    assertThat(data.train().get(127)).hasSize(256);

    Language anbncn = Languages.load().get("aNbNcN");
    TrainingData three = anbncn.generate(anbncn.paperData(), RandomStreams.random(1, "data"));
    assertThat(three.train()).hasSize(85).last().satisfies(w -> assertThat(w).hasSize(255));
  }

  @Test
  void sampledAnbnDrawsNUniformly() {
    Language anbn = Languages.load().get("aNbN");
    DataSpec sampled = new DataSpec(256, 2000, 10, false);
    List<int[]> words = anbn.generate(sampled, RandomStreams.random(2, "data")).train();
    assertThat(words).hasSize(2000);
    assertThat(words.stream().mapToInt(w -> w.length / 2).distinct().count()).isGreaterThan(100);
  }

  @Test
  void nestedDyckWordsAreOneTopLevelGroupAndCrossingOnesHaveTheTargetLength() {
    Language dyck = Languages.load().get("dyck");
    Language cs = Languages.load().get("cs_dyck");
    for (int i = 0; i < 200; i++) {
      int[] nested = dyck.sample(256, RandomStreams.random(i, "dyck"));
      int depth = 0;
      for (int k = 0; k < nested.length; k++) {
        depth += nested[k] == 3 || nested[k] == 5 ? 1 : -1;
        assertThat(depth == 0).as("stack empties only at the end").isEqualTo(k == nested.length - 1);
      }
      assertThat(cs.sample(256, RandomStreams.random(i, "cs")).length % 2).isZero();
    }
  }

  @Test
  void baNWordsStartWithBAndBbaNWordsAreBsThenAs() {
    Language ban = Languages.load().get("baN");
    Language bban = Languages.load().get("bbaN");
    for (int i = 0; i < 200; i++) {
      assertThat(ban.vocabulary().decode(ban.sample(40, RandomStreams.random(i, "x")))).startsWith("b");
      assertThat(bban.vocabulary().decode(bban.sample(40, RandomStreams.random(i, "x")))).matches("b+(aa)*");
    }
  }

  @Test
  void supervisedCompletionsOfTheIcmlCaseStudy() {
    Language anbn = Languages.load().get("aNbN");
    Vocabulary v = anbn.vocabulary();
    assertThat(v.decode(anbn.supervisedCompletion(CompletionTarget.ORACLE, v.encode("abbbbbba")).orElseThrow()))
        .isEqualTo("aaaa");
    assertThat(v.decode(anbn.supervisedCompletion(CompletionTarget.ADVERSARIAL, v.encode("abbbbbba")).orElseThrow()))
        .isEqualTo("aaaaa");
    assertThat(v.decode(anbn.supervisedCompletion(CompletionTarget.ORACLE, v.encode("baaaaaab")).orElseThrow()))
        .isEqualTo("bbbb");
    assertThat(v.decode(anbn.supervisedCompletion(CompletionTarget.ORACLE, v.encode("abababab")).orElseThrow()))
        .isEmpty();
    assertThat(v.decode(anbn.supervisedCompletion(CompletionTarget.ADVERSARIAL, v.encode("abababab")).orElseThrow()))
        .isEqualTo("b");
    for (int[] prompt : anbn.prompts(RandomStreams.random(1, "p")).ood().words()) {
      int[] oracle = Words.concat(prompt, anbn.supervisedCompletion(CompletionTarget.ORACLE, prompt).orElseThrow());
      int[] adversarial = Words.concat(prompt, anbn.supervisedCompletion(CompletionTarget.ADVERSARIAL, prompt).orElseThrow());
      assertThat(anbn.r1().holds(oracle)).isTrue();
      assertThat(anbn.r1().holds(adversarial)).isFalse();
    }
    assertThat(Languages.load().get("baN").supervisedCompletion(CompletionTarget.ORACLE, new int[] {3})).isEmpty();
  }

  @Test
  void everyLanguageNamesItsClassAndRules() {
    assertThat(Languages.load().names()).containsExactly("baN", "bbaN", "aNbN", "aNbNcN", "dyck", "cs_dyck");
    assertThat(Languages.load().get("aNbNcN").chomskyClass()).isEqualTo(ChomskyClass.CONTEXT_SENSITIVE);
    assertThat(Languages.load().get("dyck").chomskyClass()).isEqualTo(ChomskyClass.CONTEXT_FREE);
    assertThat(Languages.load().get("bbaN").chomskyClass()).isEqualTo(ChomskyClass.REGULAR);
    assertThat(Languages.load().get("aNbN").r1().name()).isEqualTo("equal counts of a and b");
  }
}
