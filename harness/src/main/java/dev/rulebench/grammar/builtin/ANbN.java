package dev.rulebench.grammar.builtin;

import static dev.rulebench.grammar.Words.allBefore;
import static dev.rulebench.grammar.Words.count;

import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.CompletionTarget;
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
import java.util.Optional;
import java.util.random.RandomGenerator;

/** aⁿbⁿ: as many a's as b's (R1), and no b before the last a (R2). Context-free. */
public final class ANbN implements Language {

  static final int A = 3;
  static final int B = 4;
  static final int PROMPT_LENGTH = 8;

  private static final Vocabulary VOCABULARY = new Vocabulary('a', 'b');
  private static final Rule EQUAL_COUNTS =
      new Rule("equal counts of a and b", w -> count(w, A) == count(w, B));
  private static final Rule A_BEFORE_B = new Rule("no b before the last a", w -> allBefore(w, A, B));

  @Override
  public String name() {
    return "aNbN";
  }

  @Override
  public String displayName() {
    return "aⁿbⁿ";
  }

  @Override
  public ChomskyClass chomskyClass() {
    return ChomskyClass.CONTEXT_FREE;
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
    return A_BEFORE_B;
  }

  @Override
  public boolean isMember(int[] word) {
    return EQUAL_COUNTS.holds(word) && A_BEFORE_B.holds(word);
  }

  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    return A_BEFORE_B.holds(completionWord);
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(256, 512, 512, true);
  }

  /** One word for every n = 1…maxLength/2 (train = validation), or independent draws. */
  @Override
  public TrainingData generate(DataSpec spec, RandomGenerator random) {
    if (!spec.allLengths()) {
      return Language.super.generate(spec, random);
    }
    List<int[]> all = new ArrayList<>();
    for (int n = 1; n <= spec.maxLength() / 2; n++) {
      all.add(word(n));
    }
    return new TrainingData(all, all);
  }

  @Override
  public int trainingSize(DataSpec spec) {
    return spec.allLengths() ? spec.maxLength() / 2 : spec.trainSize();
  }

  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    return word(random.nextInt(1, maxLength / 2 + 1));
  }

  /** aⁿbⁿ with n uniform in 1…⌊L/2⌋. */
  @Override
  public double probability(int[] word, int maxLength) {
    int n = word.length / 2;
    return n >= 1 && n <= maxLength / 2 && java.util.Arrays.equals(word, word(n)) ? 1.0 / (maxLength / 2) : 0;
  }

  @Override
  public double wordEntropy(int maxLength) {
    return Math.log(maxLength / 2);
  }

  private static int[] word(int n) {
    return Words.concat(Words.repeat(A, n), Words.repeat(B, n));
  }

  /** All 2⁸ words over {a, b}; ID when no b precedes the last a and #a ≥ #b. */
  @Override
  public PromptSets prompts(RandomGenerator random) {
    List<int[]> id = new ArrayList<>();
    List<int[]> ood = new ArrayList<>();
    for (int[] word : Words.allWords(VOCABULARY.symbolIds(), PROMPT_LENGTH)) {
      boolean completable = A_BEFORE_B.holds(word) && count(word, A) >= count(word, B);
      (completable ? id : ood).add(word);
    }
    return new PromptSets(new PromptSet(PromptKind.ID, id), new PromptSet(PromptKind.OOD, ood));
  }

  @Override
  public ChanceLevels chanceLevels() {
    return new ChanceLevels(0.154, 0.4445);
  }

  /**
   * SPEC §2.1: append |#a − #b| copies of the symbol in the minority (b when #a ≥ #b), one more for
   * the adversarial variant so that #a ≠ #b on purpose.
   */
  @Override
  public Optional<int[]> supervisedCompletion(CompletionTarget target, int[] promptWord) {
    int as = count(promptWord, A);
    int bs = count(promptWord, B);
    int missing = Math.abs(as - bs) + (target == CompletionTarget.ADVERSARIAL ? 1 : 0);
    return Optional.of(Words.repeat(as >= bs ? B : A, missing));
  }
}
