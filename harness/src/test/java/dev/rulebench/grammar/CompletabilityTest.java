package dev.rulebench.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.spi.RandomStreams;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ID prompts can be completed inside the language; OOD prompts cannot, and all but four break R2 outright. */
class CompletabilityTest {

  @ParameterizedTest
  @ValueSource(strings = {"baN", "bbaN", "aNbN", "aNbNcN", "dyck", "cs_dyck"})
  void inDistributionPromptsCanBeCompletedIntoTheLanguage(String name) {
    Language language = Languages.load().get(name);
    for (int[] prompt : language.prompts(RandomStreams.random(1, "prompts")).id().words()) {
      assertThat(completable(language, prompt, 10))
          .as("ID prompt %s of %s", language.vocabulary().decode(prompt), name).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"baN", "bbaN", "aNbN", "aNbNcN", "dyck", "cs_dyck"})
  void outOfDistributionPromptsCannotBeCompletedIntoTheLanguage(String name) {
    Language language = Languages.load().get(name);
    for (int[] prompt : language.prompts(RandomStreams.random(1, "prompts")).ood().words()) {
      assertThat(completable(language, prompt, 8))
          .as("OOD prompt %s of %s", language.vocabulary().decode(prompt), name).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"baN", "bbaN", "dyck", "cs_dyck"})
  void outOfDistributionPromptsBreakR2(String name) {
    Language language = Languages.load().get(name);
    for (int[] prompt : language.prompts(RandomStreams.random(1, "prompts")).ood().words()) {
      assertThat(language.r2().holds(prompt)).as(language.vocabulary().decode(prompt)).isFalse();
    }
  }

  /**
   * In the counting languages some OOD prompts keep the order (R2) but can no longer reach equal
   * counts without breaking it: too many b's (or, in aⁿbⁿcⁿ, a c before enough b's).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {"aNbN | 4 | a{0,3}b{5,8}", "aNbNcN | 17 | a*b*c*"})
  void countingLanguagesOodPromptsBreakR2ExceptTheOrderedOnesWithHopelessCounts(String name, int keeping,
      String shape) {
    Language language = Languages.load().get(name);
    long keepingR2 = language.prompts(RandomStreams.random(1, "prompts")).ood().words().stream()
        .filter(language.r2()::holds)
        .map(language.vocabulary()::decode)
        .peek(p -> assertThat(p).matches(shape))
        .count();
    assertThat(keepingR2).isEqualTo(keeping);
  }

  /** Breadth-first search for a completion of at most maxDepth symbols (6 for the 4-symbol alphabets). */
  private static boolean completable(Language language, int[] prompt, int maxDepth) {
    int[] symbols = language.vocabulary().symbolIds();
    int depth = symbols.length > 3 ? 6 : maxDepth;
    Deque<int[]> frontier = new ArrayDeque<>();
    frontier.add(prompt);
    while (!frontier.isEmpty()) {
      int[] word = frontier.poll();
      if (language.isMember(word)) {
        return true;
      }
      if (word.length - prompt.length < depth) {
        for (int symbol : symbols) {
          frontier.add(Words.concat(word, new int[] {symbol}));
        }
      }
    }
    return false;
  }
}
