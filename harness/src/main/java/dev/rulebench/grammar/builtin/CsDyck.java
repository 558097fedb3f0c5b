package dev.rulebench.grammar.builtin;

import dev.rulebench.grammar.ChomskyClass;
import java.util.random.RandomGenerator;

/**
 * CS Dyck, the shuffle of two Dyck-1 languages: brackets matched (R1) and parentheses matched
 * (R2), independently, so crossings like {@code ( [ ) ]} belong. Context-sensitive.
 */
public final class CsDyck extends BracketLanguage {

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
  public boolean isMember(int[] word) {
    return r1().holds(word) && r2().holds(word);
  }

  @Override
  int[] sampleWithTargetLength(int targetLength, RandomGenerator random) {
    return Brackets.sampleCrossing(targetLength, random);
  }

  @Override
  public double probability(int[] word, int maxLength) {
    return Generators.crossingProbability(word, maxLength);
  }

  @Override
  public double wordEntropy(int maxLength) {
    return Generators.crossingEntropy(maxLength);
  }
}
