package dev.rulebench.grammar.builtin;

import static dev.rulebench.grammar.Words.allBefore;
import static dev.rulebench.grammar.Words.count;

import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.CompletionTarget;
import dev.rulebench.grammar.Rule;
import dev.rulebench.grammar.Words;
import java.util.Optional;

/** aⁿbⁿ: as many a's as b's (R1), and no b before the last a (R2). Context-free. */
public final class ANbN extends EqualBlocks {

  static final int A = 3;
  static final int B = 4;
  static final int PROMPT_LENGTH = 8;

  public ANbN() {
    super(new char[] {'a', 'b'}, PROMPT_LENGTH,
        new Rule("equal counts of a and b", w -> count(w, A) == count(w, B)),
        new Rule("no b before the last a", w -> allBefore(w, A, B)));
  }

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

  /** All 2⁸ words over {a, b} are prompts; ID when no b precedes the last a and #a ≥ #b. */
  @Override
  boolean completable(int[] word) {
    return allBefore(word, A, B) && count(word, A) >= count(word, B);
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
