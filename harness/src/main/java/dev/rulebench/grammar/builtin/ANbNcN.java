package dev.rulebench.grammar.builtin;

import static dev.rulebench.grammar.Words.allBefore;
import static dev.rulebench.grammar.Words.count;

import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.Rule;

/**
 * aⁿbⁿcⁿ: equal counts of a, b and c (R1), and a's before b's before c's (R2). Context-sensitive.
 *
 * <p>R2 orders every pair of symbols that occur, so a word missing a symbol (say {@code aacc}) is
 * still ordered, as in the reference check.
 */
public final class ANbNcN extends EqualBlocks {

  static final int A = 3;
  static final int B = 4;
  static final int C = 5;
  static final int PROMPT_LENGTH = 5;

  public ANbNcN() {
    super(new char[] {'a', 'b', 'c'}, PROMPT_LENGTH,
        new Rule("equal counts of a, b and c", w -> count(w, A) == count(w, B) && count(w, B) == count(w, C)),
        new Rule("a's before b's before c's", ANbNcN::ordered));
  }

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

  /** All 3⁵ words over {a, b, c} are prompts; ID when the word can still be completed into the language. */
  @Override
  boolean completable(int[] w) {
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
