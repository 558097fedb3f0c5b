package dev.rulebench.engine.examples;

import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.SimpleLanguage;
import java.util.random.RandomGenerator;

/** aⁿb²ⁿ as a user writes it: R1 twice as many b's as a's, R2 a's before b's, n uniform. */
public final class ANb2N extends SimpleLanguage {
  public ANb2N() {
    super("aNb2N", "ab", ChomskyClass.CONTEXT_FREE);
  }

  @Override protected boolean r1(String w) {
    return 2 * w.chars().filter(c -> c == 'a').count() == w.chars().filter(c -> c == 'b').count();
  }

  @Override protected boolean r2(String w) {
    return !w.contains("ba");
  }

  @Override protected String generate(int maxLength, RandomGenerator random) { // and, optional, its probability:
    int n = random.nextInt(1, maxLength / 3 + 1);
    return "a".repeat(n) + "b".repeat(2 * n);
  }

  @Override public double probability(int[] word, int maxLength) {
    int n = word.length / 3;
    return n >= 1 && n <= maxLength / 3 && text(word).equals("a".repeat(n) + "b".repeat(2 * n)) ? 1.0 / (maxLength / 3) : 0;
  }
}
