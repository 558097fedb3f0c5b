package dev.rulebench.grammar.builtin;

import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Rule;
import dev.rulebench.grammar.Vocabulary;
import java.util.random.RandomGenerator;

/**
 * CS Dyck, the shuffle of two Dyck-1 languages: brackets matched (R1) and parentheses matched
 * (R2), independently, so crossings like {@code ( [ ) ]} belong. Context-sensitive.
 */
public final class CsDyck implements Language {

  private static final Rule BRACKETS = new Rule("brackets [ ] matched", Brackets::bracketsMatched);
  private static final Rule PARENTHESES =
      new Rule("parentheses ( ) matched", Brackets::parenthesesMatched);

  @Override
  public String name() {
    return "cs_dyck";
  }

  @Override
  public String displayName() {
    return "CS Dyck";
  }

  @Override
  public ChomskyClass chomskyClass() {
    return ChomskyClass.CONTEXT_SENSITIVE;
  }

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
  public boolean isMember(int[] word) {
    return BRACKETS.holds(word) && PARENTHESES.holds(word);
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
    return Brackets.sampleCrossing(Brackets.targetLength(maxLength, random), random);
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
