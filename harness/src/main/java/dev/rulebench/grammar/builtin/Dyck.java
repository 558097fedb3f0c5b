package dev.rulebench.grammar.builtin;

import dev.rulebench.grammar.ChomskyClass;
import java.util.random.RandomGenerator;

/**
 * Dyck-2: brackets matched (R1) and parentheses matched (R2), each counted on its own; a word of
 * the language is properly nested, so types must match. Context-free.
 */
public final class Dyck extends BracketLanguage {

  @Override
  public String name() {
    return "dyck";
  }

  @Override
  public String displayName() {
    return "Dyck";
  }

  @Override
  public ChomskyClass chomskyClass() {
    return ChomskyClass.CONTEXT_FREE;
  }

  @Override
  public boolean isMember(int[] word) {
    return Brackets.nested(word);
  }

  @Override
  int[] sampleWithTargetLength(int targetLength, RandomGenerator random) {
    return Brackets.sampleNested(targetLength, random);
  }

  @Override
  public double probability(int[] word, int maxLength) {
    return Generators.nestedProbability(word, maxLength);
  }

  @Override
  public double wordEntropy(int maxLength) {
    return Generators.nestedEntropy(maxLength);
  }
}
