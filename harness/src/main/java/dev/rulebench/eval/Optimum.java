package dev.rulebench.eval;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Words;
import java.util.List;

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
   * The lowest mean test loss per target in expectation over the generator's words, or NaN when it
   * is not known: the language does not give its entropy at this length, or PAD targets are left
   * out of the loss (the mean is then per symbol; see {@link #testLoss(Language, List, int, int,
   * boolean)}).
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
   * The lowest test loss possible on these very words: a perfect model pays −ln P(w) for each, so
   * the mean per target is Σ −ln P(w) over the words divided by their targets (every padded
   * position with PAD in the loss, else each word's symbols and its EOS). A validation set of 512
   * sampled words has its own optimum up to a few per cent off the generator's expectation, as large
   * as the convergence targets, so a run is judged against its own words. Falls back to the
   * expectation when the language gives no probabilities; NaN when a word has probability 0
   * (its probability() does not describe its sample()).
   */
  public static double testLoss(Language language, List<int[]> words, int maxLength, int sequenceLength,
      boolean lossIncludesPad) {
    double sum = 0;
    long symbols = 0;
    for (int[] word : words) {
      double p = language.probability(word, maxLength);
      if (Double.isNaN(p)) {
        return testLoss(language, maxLength, sequenceLength, lossIncludesPad);
      }
      if (!(p > 0)) {
        return Double.NaN;
      }
      sum -= Math.log(p);
      symbols += word.length + 1;
    }
    if (words.isEmpty()) {
      return Double.NaN;
    }
    return lossIncludesPad ? sum / ((double) words.size() * (sequenceLength - 1)) : sum / symbols;
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
