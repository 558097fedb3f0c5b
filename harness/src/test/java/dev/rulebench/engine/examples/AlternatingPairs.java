package dev.rulebench.engine.examples;

import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Rule;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.grammar.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A user's own language, as the README shows it: (ab)ⁿ. R1 is "as many a's as b's", R2 is "a and b
 * alternate, starting with a". OOD prompts break R2 (they hold a doubled symbol); does the model
 * still balance the counts? Suites name it by class; registered in
 * {@code META-INF/services/dev.rulebench.grammar.Language} it could be named by its name too.
 */
public final class AlternatingPairs implements Language {

  private static final Vocabulary VOCABULARY = new Vocabulary('a', 'b');
  private static final int A = 3;
  private static final int B = 4;
  private static final Rule BALANCED = new Rule("as many a's as b's", w -> Words.count(w, A) == Words.count(w, B));
  private static final Rule ALTERNATING = new Rule("a and b alternate, starting with a", AlternatingPairs::alternates);

  @Override
  public String name() {
    return "alternatingPairs";
  }

  @Override
  public String displayName() {
    return "(ab)ⁿ";
  }

  @Override
  public ChomskyClass chomskyClass() {
    return ChomskyClass.REGULAR;
  }

  @Override
  public Vocabulary vocabulary() {
    return VOCABULARY;
  }

  @Override
  public Rule r1() {
    return BALANCED;
  }

  @Override
  public Rule r2() {
    return ALTERNATING;
  }

  @Override
  public boolean isMember(int[] word) {
    return BALANCED.holds(word) && ALTERNATING.holds(word);
  }

  /** The completion alternates in itself (whatever the broken prompt did). */
  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    for (int i = 1; i < completionWord.length; i++) {
      if (completionWord[i] == completionWord[i - 1]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(64, 256, 64, false);
  }

  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    int n = random.nextInt(1, maxLength / 2 + 1);
    int[] word = new int[2 * n];
    for (int i = 0; i < word.length; i++) {
      word[i] = i % 2 == 0 ? A : B;
    }
    return word;
  }

  /** (ab)ⁿ with n uniform in 1…⌊L/2⌋: a user's language gives this, and its optimum follows. */
  @Override
  public double probability(int[] word, int maxLength) {
    if (word.length < 2 || word.length % 2 != 0 || word.length / 2 > maxLength / 2) {
      return 0;
    }
    for (int i = 0; i < word.length; i++) {
      if (word[i] != (i % 2 == 0 ? A : B)) {
        return 0;
      }
    }
    return 1.0 / (maxLength / 2);
  }

  /** ID: the alternating prefixes of lengths 1 to 6; OOD: the length-6 words from a that double a symbol. */
  @Override
  public PromptSets prompts(RandomGenerator random) {
    List<int[]> id = new ArrayList<>();
    for (int length = 1; length <= 6; length++) {
      id.add(prefix(length));
    }
    List<int[]> ood = new ArrayList<>();
    for (int[] word : Words.allWords(VOCABULARY.symbolIds(), 6)) {
      if (word[0] == A && !alternates(word)) {
        ood.add(word);
      }
    }
    return new PromptSets(new PromptSet(PromptKind.ID, id), new PromptSet(PromptKind.OOD, ood));
  }

  @Override
  public ChanceLevels chanceLevels() {
    return new ChanceLevels(1.0 / 3, 1.0 / 3);
  }

  private static int[] prefix(int length) {
    int[] word = new int[length];
    for (int i = 0; i < length; i++) {
      word[i] = i % 2 == 0 ? A : B;
    }
    return word;
  }

  private static boolean alternates(int[] word) {
    for (int i = 0; i < word.length; i++) {
      if (word[i] != (i % 2 == 0 ? A : B)) {
        return false;
      }
    }
    return true;
  }
}
