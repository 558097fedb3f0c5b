package dev.rulebench.grammar.builtin;

import static dev.rulebench.grammar.Words.allBefore;
import static dev.rulebench.grammar.Words.count;
import static dev.rulebench.grammar.Words.lastIndex;

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
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * bⁿa^{2m}: an even number of a's after the last b (R1), and every b before every a with at least
 * one b (R2, so an all-a word fails). Regular.
 */
public final class BbaN implements Language {

  static final int A = 3;
  static final int B = 4;
  static final int PROMPT_COUNT = 128;

  private static final Vocabulary VOCABULARY = new Vocabulary('a', 'b');
  private static final Rule EVEN_AS_AT_END =
      new Rule("even number of a's after the last b", BbaN::evenAsAtEnd);
  private static final Rule BS_BEFORE_AS =
      new Rule("b's before a's, at least one b", BbaN::bsBeforeAs);

  private static boolean evenAsAtEnd(int[] w) {
    int lastB = lastIndex(w, B);
    int as = 0;
    for (int i = lastB + 1; i < w.length; i++) {
      if (w[i] == A) {
        as++;
      }
    }
    return as % 2 == 0;
  }

  private static boolean bsBeforeAs(int[] w) {
    return count(w, B) > 0 && allBefore(w, B, A);
  }

  @Override
  public String name() {
    return "bbaN";
  }

  @Override
  public String displayName() {
    return "bⁿa²ᵐ";
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
    return EVEN_AS_AT_END;
  }

  @Override
  public Rule r2() {
    return BS_BEFORE_AS;
  }

  @Override
  public boolean isMember(int[] word) {
    return EVEN_AS_AT_END.holds(word) && BS_BEFORE_AS.holds(word);
  }

  /** R2 on the completion alone, so an empty completion scores 0 (SPEC §1.5). */
  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    return BS_BEFORE_AS.holds(completionWord);
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(256, 15000, 512, false);
  }

  /** The papers train bⁿa^{2m} for 5000 epochs and validate every 100 (SPEC §1.7). */
  @Override
  public Map<String, String> paperTrainingOverrides() {
    return Map.of("epochs", "5000", "validationInterval", "100");
  }


  /** Length l and k drawn as for bα; the word is b^{l−2k} a^{2k}. */
  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    int length = random.nextInt(1, maxLength + 1);
    int pairs = random.nextInt(0, (length - 1) / 2 + 1);
    return Words.concat(Words.repeat(B, length - 2 * pairs), Words.repeat(A, 2 * pairs));
  }

  /** b^(l−2k) a^(2k): l uniform in 1…L, k uniform in 0…⌊(l−1)/2⌋, one word per (l, k). */
  @Override
  public double probability(int[] word, int maxLength) {
    int l = word.length;
    int as = Words.count(word, A);
    int bs = l - as;
    boolean shape = bs >= 1 && as % 2 == 0 && java.util.Arrays.equals(word,
        Words.concat(Words.repeat(B, bs), Words.repeat(A, as)));
    return shape && l <= maxLength ? 1.0 / maxLength / Generators.pairChoices(l) : 0;
  }

  @Override
  public double wordEntropy(int maxLength) {
    return Generators.lengthAndPairsEntropy(maxLength);
  }

  /**
   * 128 random ID prompts b^{8−k} a^k (k in 1…7) and 128 random OOD prompts a b^{7−k} a^k (k in
   * 1…6); duplicates are possible, as in the reference.
   */
  @Override
  public PromptSets prompts(RandomGenerator random) {
    List<int[]> id = new ArrayList<>();
    for (int i = 0; i < PROMPT_COUNT; i++) {
      int as = random.nextInt(1, 8);
      id.add(Words.concat(Words.repeat(B, 8 - as), Words.repeat(A, as)));
    }
    List<int[]> ood = new ArrayList<>();
    for (int i = 0; i < PROMPT_COUNT; i++) {
      int as = random.nextInt(1, 7);
      ood.add(Words.concat(new int[] {A}, Words.concat(Words.repeat(B, 7 - as), Words.repeat(A, as))));
    }
    return new PromptSets(new PromptSet(PromptKind.ID, id), new PromptSet(PromptKind.OOD, ood));
  }

  @Override
  public ChanceLevels chanceLevels() {
    return new ChanceLevels(0.5, 0.75);
  }
}
