package dev.rulebench.grammar.builtin;

/**
 * The built-in generators' word probabilities and entropies, exact at any length. Each follows the
 * sampler it describes step by step; {@code OptimumTest} checks them against enumeration and
 * against the samplers' own frequencies.
 */
final class Generators {

  private Generators() {}

  /** Words b^x a^(2k) and their shuffles draw l uniform in 1…L, then k uniform in 0…⌊(l−1)/2⌋. */
  static int pairChoices(int length) {
    return (length - 1) / 2 + 1;
  }

  /** ln L + mean over l of ln(k's choices): the entropy of (l, k). */
  static double lengthAndPairsEntropy(int maxLength) {
    double sum = 0;
    for (int l = 1; l <= maxLength; l++) {
      sum += Math.log(pairChoices(l));
    }
    return Math.log(maxLength) + sum / maxLength;
  }

  /** ln C(n, k), from a table of ln n!. */
  static double logBinomial(double[] logFactorial, int n, int k) {
    return logFactorial[n] - logFactorial[k] - logFactorial[n - k];
  }

  static double[] logFactorials(int n) {
    double[] table = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      table[i] = table[i - 1] + Math.log(i);
    }
    return table;
  }

  // ---- the nested (Dyck) sampler

  /**
   * P(word) under the nested sampler with l uniform in 1…⌊L/2⌋ and target 2l. A word is a prime
   * Dyck word (its stack empties only at its end) of length m. With a target above m the sampler
   * never forces a closer on it: ½ for its first opener, ⅓ for every later symbol. With target
   * exactly m, forcing starts right after the last opener (position + depth first reaches m there),
   * so its t final closers cost nothing. Shorter targets cannot make it.
   */
  static double nestedProbability(int[] word, int maxLength) {
    int half = maxLength / 2;
    int m = word.length;
    if (m == 0 || m % 2 != 0 || m / 2 > half || !primeDyck(word)) {
      return 0;
    }
    int finalClosers = 0;
    for (int i = m - 1; i >= 0 && isCloser(word[i]); i--) {
      finalClosers++;
    }
    return nestedProbability(half, m, finalClosers);
  }

  private static double nestedProbability(int half, int m, int finalClosers) {
    double unforcedTargets = half - m / 2;
    return 0.5 * Math.pow(3, -(m - 1)) * (unforcedTargets + Math.pow(3, finalClosers)) / half;
  }

  /**
   * −Σ P ln P over every prime Dyck word: words of the same length m and final run of t closers
   * share P, and there are 2^(m/2) · (prime Dyck paths of semi-length m/2 ending in exactly t down
   * steps) of them. A prime path is an up step, any Dyck path, a down step; a Dyck path of
   * semi-length n ends in exactly j ≥ 1 downs in as many ways as non-negative paths reach height
   * j − 1 after 2n − j − 1 steps.
   */
  static double nestedEntropy(int maxLength) {
    int half = maxLength / 2;
    double[][] reach = nonNegativePaths(2 * half);
    double entropy = 0;
    for (int k = 1; k <= half; k++) {
      int m = 2 * k;
      double typings = Math.pow(2, k);
      // the inner path is empty: the word is one pair, t = 1
      if (k == 1) {
        entropy -= typings * term(nestedProbability(half, m, 1));
        continue;
      }
      int inner = k - 1;
      for (int j = 1; j <= inner; j++) {
        double paths = reach[2 * inner - j - 1][j - 1];
        if (paths > 0) {
          entropy -= typings * paths * term(nestedProbability(half, m, j + 1));
        }
      }
    }
    return entropy;
  }

  private static double term(double p) {
    return p * Math.log(p);
  }

  /** reach[x][h]: up/down paths from height 0 that stay at or above 0 and are at height h after x steps. */
  private static double[][] nonNegativePaths(int steps) {
    double[][] reach = new double[steps + 1][steps + 2];
    reach[0][0] = 1;
    for (int x = 1; x <= steps; x++) {
      for (int h = 0; h <= x; h++) {
        double fromBelow = h > 0 ? reach[x - 1][h - 1] : 0;
        double fromAbove = reach[x - 1][h + 1];
        reach[x][h] = fromBelow + fromAbove;
      }
    }
    return reach;
  }

  private static boolean isCloser(int token) {
    return token == Brackets.CLOSE_PAREN || token == Brackets.CLOSE_BRACKET;
  }

  private static boolean primeDyck(int[] word) {
    if (!Brackets.nested(word)) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < word.length; i++) {
      depth += isCloser(word[i]) ? -1 : 1;
      if (depth == 0 && i < word.length - 1) {
        return false;
      }
    }
    return true;
  }

  // ---- the crossing (CS Dyck) sampler

  /** P(word) under the crossing sampler: 1/⌊L/2⌋ for its length 2l, then 1/options at every step. */
  static double crossingProbability(int[] word, int maxLength) {
    int half = maxLength / 2;
    int n = word.length;
    if (n == 0 || n % 2 != 0 || n / 2 > half) {
      return 0;
    }
    double p = 1.0 / half;
    int parens = 0;
    int brackets = 0;
    for (int length = 0; length < n; length++) {
      boolean mustClose = length + parens + brackets >= n;
      int token = word[length];
      boolean allowed = switch (token) {
        case Brackets.OPEN_PAREN, Brackets.OPEN_BRACKET -> !mustClose;
        case Brackets.CLOSE_PAREN -> parens > 0;
        default -> brackets > 0;
      };
      if (!allowed) {
        return 0;
      }
      p /= options(mustClose, parens, brackets);
      switch (token) {
        case Brackets.OPEN_PAREN -> parens++;
        case Brackets.CLOSE_PAREN -> parens--;
        case Brackets.OPEN_BRACKET -> brackets++;
        default -> brackets--;
      }
    }
    return p;
  }

  private static int options(boolean mustClose, int parens, int brackets) {
    return (mustClose ? 0 : 2) + (parens > 0 ? 1 : 0) + (brackets > 0 ? 1 : 0);
  }

  /**
   * ln ⌊L/2⌋ plus the mean over targets 2l of the expected Σ ln(options) along a word: a dynamic
   * programme over (position, open parentheses, open brackets) carrying each state's probability.
   */
  static double crossingEntropy(int maxLength) {
    int half = maxLength / 2;
    double sum = 0;
    for (int l = 1; l <= half; l++) {
      sum += crossingEntropyAtTarget(2 * l);
    }
    return Math.log(half) + sum / half;
  }

  private static double crossingEntropyAtTarget(int n) {
    int depth = n / 2 + 1;
    double[][] now = new double[depth + 1][depth + 1];
    now[0][0] = 1;
    double entropy = 0;
    for (int length = 0; length < n; length++) {
      double[][] next = new double[depth + 1][depth + 1];
      for (int p = 0; p <= depth; p++) {
        for (int b = 0; p + b <= depth; b++) {
          double mass = now[p][b];
          if (mass == 0) {
            continue;
          }
          boolean mustClose = length + p + b >= n;
          int options = options(mustClose, p, b);
          entropy += mass * Math.log(options);
          double share = mass / options;
          if (!mustClose) {
            next[p + 1][b] += share;
            next[p][b + 1] += share;
          }
          if (p > 0) {
            next[p - 1][b] += share;
          }
          if (b > 0) {
            next[p][b - 1] += share;
          }
        }
      }
      now = next;
    }
    return entropy;
  }
}
