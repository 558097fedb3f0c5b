package dev.rulebench.grammar.builtin;

import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Rule;
import dev.rulebench.grammar.Vocabulary;
import java.util.random.RandomGenerator;

/**
 * What Dyck and CS Dyck share: the vocabulary {@code ( ) [ ]}, brackets matched (R1) and parentheses
 * matched (R2), each counted on its own, the data sizes, the prompt sets and the chance levels. They
 * differ in whether the two types may cross, so in membership and in how words are sampled.
 */
abstract class BracketLanguage implements Language {

  private static final Rule BRACKETS = new Rule("brackets [ ] matched", Brackets::bracketsMatched);
  private static final Rule PARENTHESES =
      new Rule("parentheses ( ) matched", Brackets::parenthesesMatched);

  /** A member word drawn with this target length (SPEC §1.2). */
  abstract int[] sampleWithTargetLength(int targetLength, RandomGenerator random);

  @Override
  public Vocabulary vocabulary() {
    return Brackets.VOCABULARY;
  }

  @Override
  public Rule r1() {
    return BRACKETS;
  }

  @Override
  public Rule r2() {
    return PARENTHESES;
  }

  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    return Brackets.completionKeepsParentheses(promptWord, completionWord);
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(256, 512, 512, false);
  }

  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    return sampleWithTargetLength(Brackets.targetLength(maxLength, random), random);
  }

  @Override
  public PromptSets prompts(RandomGenerator random) {
    return Brackets.prompts(random);
  }

  @Override
  public ChanceLevels chanceLevels() {
    return new ChanceLevels(0.1273, 0.382);
  }
}
