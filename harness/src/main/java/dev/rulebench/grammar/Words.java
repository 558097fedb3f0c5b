package dev.rulebench.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Small operations on words (token-id arrays) that the rules of many languages share. */
public final class Words {

  private Words() {}

  public static int count(int[] word, int token) {
    int n = 0;
    for (int t : word) {
      if (t == token) {
        n++;
      }
    }
    return n;
  }

  public static int firstIndex(int[] word, int token) {
    for (int i = 0; i < word.length; i++) {
      if (word[i] == token) {
        return i;
      }
    }
    return -1;
  }

  public static int lastIndex(int[] word, int token) {
    for (int i = word.length - 1; i >= 0; i--) {
      if (word[i] == token) {
        return i;
      }
    }
    return -1;
  }

  /** Whether no {@code later} token occurs before the last {@code earlier} token. */
  public static boolean allBefore(int[] word, int earlier, int later) {
    int lastEarlier = lastIndex(word, earlier);
    int firstLater = firstIndex(word, later);
    return lastEarlier < 0 || firstLater < 0 || firstLater > lastEarlier;
  }

  /** Whether a bracket pair is matched: the depth never goes negative and ends at zero. */
  public static boolean matched(int[] word, int open, int close) {
    int depth = 0;
    for (int t : word) {
      if (t == open) {
        depth++;
      } else if (t == close && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  public static int[] concat(int[] first, int[] second) {
    int[] joined = new int[first.length + second.length];
    System.arraycopy(first, 0, joined, 0, first.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }

  public static int[] repeat(int token, int times) {
    int[] word = new int[times];
    java.util.Arrays.fill(word, token);
    return word;
  }

  /** Every word of the given length over the symbols, in lexicographic order of the symbols. */
  public static List<int[]> allWords(int[] symbols, int length) {
    List<int[]> words = new ArrayList<>();
    int total = (int) Math.pow(symbols.length, length);
    for (int index = 0; index < total; index++) {
      int[] word = new int[length];
      int rest = index;
      for (int position = length - 1; position >= 0; position--) {
        word[position] = symbols[rest % symbols.length];
        rest /= symbols.length;
      }
      words.add(word);
    }
    return words;
  }

  /** Fisher–Yates shuffle in place. */
  public static void shuffle(int[] word, RandomGenerator random) {
    for (int i = word.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = word[i];
      word[i] = word[j];
      word[j] = t;
    }
  }
}
