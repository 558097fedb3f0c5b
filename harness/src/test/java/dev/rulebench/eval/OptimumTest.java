package dev.rulebench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rulebench.engine.examples.AlternatingPairs;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Languages;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lowest test loss possible: exact formulas against enumeration and against the samplers. */
class OptimumTest {

  /** Every built-in language at lengths whose words can all be listed. */
  static Stream<Arguments> languages() {
    return Stream.of(
        Arguments.of("aNbN", 10), Arguments.of("aNbN", 9), Arguments.of("aNbNcN", 7), Arguments.of("baN", 10),
        Arguments.of("bbaN", 11), Arguments.of("dyck", 8), Arguments.of("dyck", 9), Arguments.of("cs_dyck", 8));
  }

  private static Language language(String name) {
    return Languages.load().get(name);
  }

  @Test
  void aNbNAtQuickScaleIsLn16Over33() {
    assertThat(Optimum.testLoss(language("aNbN"), 32, 34, true)).isEqualTo(Math.log(16) / 33);
  }

  @Test
  void aValidationSetIsJudgedByItsOwnWords() {
    Language ban = language("baN");
    List<int[]> words = List.of(new int[] {4}, new int[] {4, 3, 3}, new int[] {4, 4, 4});
    double surprise = 0;
    int symbols = 0;
    for (int[] word : words) {
      surprise -= Math.log(ban.probability(word, 16));
      symbols += word.length + 1;
    }
    assertThat(Optimum.testLoss(ban, words, 16, 18, true)).isCloseTo(surprise / (3 * 17), within(1e-15));
    assertThat(Optimum.testLoss(ban, words, 16, 18, false)).isCloseTo(surprise / symbols, within(1e-15));
    // a word the generator cannot make: the language's probabilities do not describe it
    assertThat(Optimum.testLoss(ban, List.of(new int[] {3}), 16, 18, true)).isNaN();
  }

  @Test
  void withoutPadTargetsTheOptimumIsNotClaimed() {
    assertThat(Optimum.testLoss(language("aNbN"), 32, 34, false)).isNaN();
  }

  @ParameterizedTest(name = "{0} up to {1} symbols")
  @MethodSource("languages")
  void theExactEntropyIsTheEnumeratedOne(String name, int maxLength) {
    Language language = language(name);
    assertThat(language.wordEntropy(maxLength))
        .isCloseTo(Optimum.entropyByEnumeration(language, maxLength), within(1e-9));
  }

  @ParameterizedTest(name = "{0} up to {1} symbols")
  @MethodSource("languages")
  void theProbabilitiesAreTheSamplersFrequencies(String name, int maxLength) {
    Language language = language(name);
    SplittableRandom random = new SplittableRandom(7);
    int draws = 200_000;
    Map<String, Integer> counts = new HashMap<>();
    Map<String, int[]> words = new HashMap<>();
    for (int i = 0; i < draws; i++) {
      int[] word = language.sample(maxLength, random);
      counts.merge(Arrays.toString(word), 1, Integer::sum);
      words.putIfAbsent(Arrays.toString(word), word);
    }
    counts.forEach((key, count) -> {
      double p = language.probability(words.get(key), maxLength);
      double sigma = Math.sqrt(p * (1 - p) / draws);
      assertThat((double) count / draws).as(key).isCloseTo(p, within(6 * sigma + 1e-4));
    });
  }

  @Test
  void aUsersLanguageGetsItsOptimumFromItsProbabilities() {
    Language user = new AlternatingPairs();
    assertThat(user.wordEntropy(12)).isCloseTo(Math.log(6), within(1e-12));
    assertThat(Optimum.testLoss(user, 12, 14, true)).isCloseTo(Math.log(6) / 13, within(1e-12));
  }

  @Test
  void theExactFormulasHoldAtThePapersLength() {
    for (Language language : Languages.load().all()) {
      double entropy = language.wordEntropy(256);
      assertThat(entropy).as(language.name()).isFinite().isPositive();
    }
    // the paper's aⁿbⁿ optimum with PAD targets: ln 128 / 257
    assertThat(Optimum.testLoss(language("aNbN"), 256, 258, true)).isCloseTo(Math.log(128) / 257, within(1e-15));
  }
}
