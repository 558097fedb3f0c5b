package dev.rulebench.grammar.builtin;

import static dev.rulebench.grammar.Words.count;

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

/** bα: an even number of a's (R1), and the word starts with b (R2). Regular. */
public final class BaN implements Language {

  static final int A = 3;
  static final int B = 4;
  static final int PROMPT_LENGTH = 8;

  private static final Vocabulary VOCABULARY = new Vocabulary('a', 'b');
  private static final Rule EVEN_AS = new Rule("even number of a's", w -> count(w, A) % 2 == 0);
  private static final Rule STARTS_WITH_B = new Rule("starts with b", BaN::startsWithB);

  static boolean startsWithB(int[] w) {
    return w.length > 0 && w[0] == B;
  }

  @Override
  public String name() {
    return "baN";
  }

  @Override
  public String displayName() {
    return "bα";
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
    return EVEN_AS;
  }

  @Override
  public Rule r2() {
    return STARTS_WITH_B;
  }

  @Override
  public boolean isMember(int[] word) {
    return EVEN_AS.holds(word) && STARTS_WITH_B.holds(word);
  }

  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    return startsWithB(completionWord);
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(256, 15000, 512, false);
  }


  /** Length l uniform in 1…maxLength, 2k a's with k uniform in 0…⌊(l−1)/2⌋, shuffled after a b. */
  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    int length = random.nextInt(1, maxLength + 1);
    int pairs = random.nextInt(0, (length - 1) / 2 + 1);
    int[] rest = Words.concat(Words.repeat(A, 2 * pairs), Words.repeat(B, length - 1 - 2 * pairs));
    Words.shuffle(rest, random);
    return Words.concat(new int[] {B}, rest);
  }

  /** b then a shuffle of 2k a's and l − 1 − 2k b's: (l, k) as for bbaN, every shuffle equally likely. */
  @Override
  public double probability(int[] word, int maxLength) {
    int l = word.length;
    if (l < 1 || l > maxLength || word[0] != B) {
      return 0;
    }
    int as = Words.count(word, A);
    if (as % 2 != 0 || Words.count(word, B) + as != l) {
      return 0;
    }
    double[] logFactorial = Generators.logFactorials(l);
    return Math.exp(-Generators.logBinomial(logFactorial, l - 1, as)) / maxLength / Generators.pairChoices(l);
  }

  @Override
  public double wordEntropy(int maxLength) {
    double[] logFactorial = Generators.logFactorials(maxLength);
    double shuffles = 0;
    for (int l = 1; l <= maxLength; l++) {
      int choices = Generators.pairChoices(l);
      double mean = 0;
      for (int k = 0; k < choices; k++) {
        mean += Generators.logBinomial(logFactorial, l - 1, 2 * k);
      }
      shuffles += mean / choices;
    }
    return Generators.lengthAndPairsEntropy(maxLength) + shuffles / maxLength;
  }

  /** All 2⁸ words over {a, b}; ID when the word starts with b. */
  @Override
  public PromptSets prompts(RandomGenerator random) {
    List<int[]> id = new ArrayList<>();
    List<int[]> ood = new ArrayList<>();
    for (int[] word : Words.allWords(VOCABULARY.symbolIds(), PROMPT_LENGTH)) {
      (startsWithB(word) ? id : ood).add(word);
    }
    return new PromptSets(new PromptSet(PromptKind.ID, id), new PromptSet(PromptKind.OOD, ood));
  }

  @Override
  public ChanceLevels chanceLevels() {
    return new ChanceLevels(0.5, 1.0 / 3.0);
  }
}
