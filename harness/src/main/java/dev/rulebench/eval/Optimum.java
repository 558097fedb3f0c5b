package dev.rulebench.eval;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Words;

/**
 * The lowest test loss possible on a language's data: a model that predicts every next token with
 * the generator's own conditional probabilities pays, per word, exactly the entropy H(W) of the
 * generator's words (the chain rule; EOS and the PAD after it included, PAD costing nothing). With
 * PAD targets in the loss, as the papers count it, every sequence has the same number of targets,
 * so the mean loss per target is H(W) / targets.
 */
public final class Optimum {

  /** Enumerating more words than this to compute an entropy is left to the language. */
  public static final long MOST_WORDS_ENUMERATED = 1L << 22;

  private Optimum() {}

  /**
   * The lowest mean test loss per target, or NaN when it is not known: the language does not give
   * its entropy at this length, or PAD targets are left out of the loss (the mean is then per
   * symbol, which needs the expected word length, not computed here).
   *
   * @param maxLength the longest word the data holds
   * @param sequenceLength positions of a padded sequence (SOS, the word, EOS, PAD): targets + 1
   */
  public static double testLoss(Language language, int maxLength, int sequenceLength, boolean lossIncludesPad) {
    if (!lossIncludesPad) {
      return Double.NaN;
    }
    return language.wordEntropy(maxLength) / (sequenceLength - 1);
  }

  /**
   * −Σ p ln p over every word of at most maxLength symbols, with p from
   * {@link Language#probability}: the default of {@link Language#wordEntropy}, exact but
   * exponential in the length; NaN when there are more than {@link #MOST_WORDS_ENUMERATED} words or
   * a probability is unknown.
   */
  public static double entropyByEnumeration(Language language, int maxLength) {
    int symbols = language.vocabulary().symbolIds().length;
    double words = 0;
    for (int length = 0; length <= maxLength; length++) {
      words += Math.pow(symbols, length);
    }
    if (words > MOST_WORDS_ENUMERATED) {
      return Double.NaN;
    }
    double entropy = 0;
    double total = 0;
    for (int length = 0; length <= maxLength; length++) {
      for (int[] word : Words.allWords(language.vocabulary().symbolIds(), length)) {
        double p = language.probability(word, maxLength);
        if (Double.isNaN(p)) {
          return Double.NaN;
        }
        if (p > 0) {
          entropy -= p * Math.log(p);
          total += p;
        }
      }
    }
    if (Math.abs(total - 1) > 1e-9) {
      throw new IllegalStateException(language.name() + ": the probabilities of its words up to length " + maxLength
          + " add up to " + total + ", not 1: probability() does not describe sample()");
    }
    return entropy;
  }
}
