package dev.rulebench.grammar.builtin;

import static dev.rulebench.grammar.Words.allBefore;
import static dev.rulebench.grammar.Words.count;

import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Rule;
import dev.rulebench.grammar.TrainingData;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.grammar.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * aⁿbⁿcⁿ: equal counts of a, b and c (R1), and a's before b's before c's (R2). Context-sensitive.
 *
 * <p>R2 orders every pair of symbols that occur, so a word missing a symbol (say {@code aacc}) is
 * still ordered, as in the reference check.
 */
public final class ANbNcN implements Language {

  static final int A = 3;
  static final int B = 4;
  static final int C = 5;
  static final int PROMPT_LENGTH = 5;

  private static final Vocabulary VOCABULARY = new Vocabulary('a', 'b', 'c');
  private static final Rule EQUAL_COUNTS = new Rule("equal counts of a, b and c",
      w -> count(w, A) == count(w, B) && count(w, B) == count(w, C));
  private static final Rule ORDERED = new Rule("a's before b's before c's", ANbNcN::ordered);

  private static boolean ordered(int[] w) {
    return allBefore(w, A, B) && allBefore(w, B, C) && allBefore(w, A, C);
  }

  @Override
  public String name() {
    return "aNbNcN";
  }

  @Override
  public String displayName() {
    return "aⁿbⁿcⁿ";
  }

  @Override
  public ChomskyClass chomskyClass() {
    return ChomskyClass.CONTEXT_SENSITIVE;
  }

  @Override
  public Vocabulary vocabulary() {
    return VOCABULARY;
  }

  @Override
  public Rule r1() {
    return EQUAL_COUNTS;
  }

  @Override
  public Rule r2() {
    return ORDERED;
  }

  @Override
  public boolean isMember(int[] word) {
    return EQUAL_COUNTS.holds(word) && ORDERED.holds(word);
  }

  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    return ORDERED.holds(completionWord);
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(256, 512, 512, true);
  }

  /** One word for every n = 1…maxLength/3 (train = validation), or independent draws. */
  @Override
  public TrainingData generate(DataSpec spec, RandomGenerator random) {
    if (!spec.allLengths()) {
      return Language.super.generate(spec, random);
    }
    List<int[]> all = new ArrayList<>();
    for (int n = 1; n <= spec.maxLength() / 3; n++) {
      all.add(word(n));
    }
    return new TrainingData(all, all);
  }

  @Override
  public int trainingSize(DataSpec spec) {
    return spec.allLengths() ? spec.maxLength() / 3 : spec.trainSize();
  }

  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    return word(random.nextInt(1, maxLength / 3 + 1));
  }

  /** aⁿbⁿcⁿ with n uniform in 1…⌊L/3⌋. */
  @Override
  public double probability(int[] word, int maxLength) {
    int n = word.length / 3;
    return n >= 1 && n <= maxLength / 3 && java.util.Arrays.equals(word, word(n)) ? 1.0 / (maxLength / 3) : 0;
  }

  @Override
  public double wordEntropy(int maxLength) {
    return Math.log(maxLength / 3);
  }

  private static int[] word(int n) {
    return Words.concat(Words.concat(Words.repeat(A, n), Words.repeat(B, n)), Words.repeat(C, n));
  }

  /** All 3⁵ words over {a, b, c}; ID when the word can still be completed into the language. */
  @Override
  public PromptSets prompts(RandomGenerator random) {
    List<int[]> id = new ArrayList<>();
    List<int[]> ood = new ArrayList<>();
    for (int[] word : Words.allWords(VOCABULARY.symbolIds(), PROMPT_LENGTH)) {
      (completable(word) ? id : ood).add(word);
    }
    return new PromptSets(new PromptSet(PromptKind.ID, id), new PromptSet(PromptKind.OOD, ood));
  }

  private static boolean completable(int[] w) {
    int as = count(w, A);
    int bs = count(w, B);
    int cs = count(w, C);
    if (cs == 0) {
      return bs == 0 || (allBefore(w, A, B) && as >= bs);
    }
    return allBefore(w, A, B) && allBefore(w, B, C) && as == bs && bs >= cs;
  }

  /**
   * OOD R1 chance 0.0334 as the chance-level notebook computes it; the figure code's 0.00334 looks
   * like a factor-10 typo (SPEC §1.5).
   */
  @Override
  public ChanceLevels chanceLevels() {
    return new ChanceLevels(0.0334, 0.5925);
  }
}
