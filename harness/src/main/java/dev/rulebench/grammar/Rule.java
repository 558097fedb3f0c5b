package dev.rulebench.grammar;

import java.util.function.Predicate;

/**
 * A named predicate over a word (token ids without SOS and EOS).
 *
 * <p>As in the reference code, rules look only at the language's symbols: a stray special token
 * inside a model's completion is neither counted nor ordered.
 *
 * @param name what the rule checks, in a few words, e.g. "equal counts of a and b"
 * @param test the predicate
 */
public record Rule(String name, Predicate<int[]> test) {

  public boolean holds(int[] word) {
    return test.test(word);
  }

  @Override
  public String toString() {
    return name;
  }
}
