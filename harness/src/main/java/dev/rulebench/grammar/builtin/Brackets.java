package dev.rulebench.grammar.builtin;

import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.grammar.Words;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/** What the two bracket languages share: token ids, their samplers and their prompt sets. */
final class Brackets {

  static final int OPEN_PAREN = 3;
  static final int CLOSE_PAREN = 4;
  static final int OPEN_BRACKET = 5;
  static final int CLOSE_BRACKET = 6;
  static final Vocabulary VOCABULARY = new Vocabulary('(', ')', '[', ']');

  static final int PROMPT_WORD_LENGTH = 6;
  static final int PROMPT_COUNT = 32;

  private Brackets() {}

  /** Properly nested Dyck-2: one stack, and a closer must match the opener on top. */
  static boolean nested(int[] word) {
    Deque<Integer> stack = new ArrayDeque<>();
    for (int t : word) {
      if (t == OPEN_PAREN || t == OPEN_BRACKET) {
        stack.push(t);
      } else if (t == CLOSE_PAREN || t == CLOSE_BRACKET) {
        int opener = t == CLOSE_PAREN ? OPEN_PAREN : OPEN_BRACKET;
        if (stack.isEmpty() || stack.pop() != opener) {
          return false;
        }
      }
    }
    return stack.isEmpty();
  }

  static boolean parenthesesMatched(int[] word) {
    return Words.matched(word, OPEN_PAREN, CLOSE_PAREN);
  }

  static boolean bracketsMatched(int[] word) {
    return Words.matched(word, OPEN_BRACKET, CLOSE_BRACKET);
  }

  /**
   * The nested sampler of SPEC §1.2 with target length n: an opener when the stack is empty,
   * otherwise an opener or the matching closer; forced to close once length + stack size ≥ n; it
   * stops as soon as the stack first empties, so words are often shorter than n.
   */
  static int[] sampleNested(int n, RandomGenerator random) {
    List<Integer> word = new ArrayList<>();
    Deque<Integer> stack = new ArrayDeque<>();
    while (word.size() < n) {
      int choice;
      if (stack.isEmpty()) {
        choice = random.nextBoolean() ? OPEN_PAREN : OPEN_BRACKET;
      } else {
        int closer = stack.peek() == OPEN_PAREN ? CLOSE_PAREN : CLOSE_BRACKET;
        int[] options = {OPEN_PAREN, OPEN_BRACKET, closer};
        choice = word.size() + stack.size() >= n ? closer : options[random.nextInt(3)];
      }
      word.add(choice);
      if (choice == OPEN_PAREN || choice == OPEN_BRACKET) {
        stack.push(choice);
      } else {
        stack.pop();
      }
      if (stack.isEmpty()) {
        break;
      }
    }
    return word.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The crossing sampler of SPEC §1.2: parentheses and brackets keep separate depths, any opener
   * or the closer of an open type may come next, closing is forced near n, and it never stops
   * early, so words have length exactly n.
   */
  static int[] sampleCrossing(int n, RandomGenerator random) {
    int[] word = new int[n];
    int parens = 0;
    int brackets = 0;
    for (int length = 0; length < n; length++) {
      List<Integer> options = new ArrayList<>(4);
      boolean mustClose = length + parens + brackets >= n;
      if (!mustClose) {
        options.add(OPEN_PAREN);
        options.add(OPEN_BRACKET);
      }
      if (parens > 0) {
        options.add(CLOSE_PAREN);
      }
      if (brackets > 0) {
        options.add(CLOSE_BRACKET);
      }
      int choice = options.get(random.nextInt(options.size()));
      word[length] = choice;
      switch (choice) {
        case OPEN_PAREN -> parens++;
        case CLOSE_PAREN -> parens--;
        case OPEN_BRACKET -> brackets++;
        default -> brackets--;
      }
    }
    return word;
  }

  /** l uniform in 1…maxLength/2, then a word drawn with target length 2l. */
  static int targetLength(int maxLength, RandomGenerator random) {
    return 2 * random.nextInt(1, maxLength / 2 + 1);
  }

  /**
   * 32 nested words w of length exactly 6 (rejection sampling); ID prompt {@code ( [ w}, OOD prompt
   * {@code ) [ w}. Both bracket languages use the nested sampler here (SPEC §1.11, quirk 11).
   */
  static PromptSets prompts(RandomGenerator random) {
    List<int[]> id = new ArrayList<>();
    List<int[]> ood = new ArrayList<>();
    while (id.size() < PROMPT_COUNT) {
      int[] w = sampleNested(PROMPT_WORD_LENGTH, random);
      if (w.length == PROMPT_WORD_LENGTH) {
        id.add(Words.concat(new int[] {OPEN_PAREN, OPEN_BRACKET}, w));
        ood.add(Words.concat(new int[] {CLOSE_PAREN, OPEN_BRACKET}, w));
      }
    }
    return new PromptSets(new PromptSet(PromptKind.ID, id), new PromptSet(PromptKind.OOD, ood));
  }

  /** Parentheses matched on the prompt's Dyck word plus the completion (SPEC §1.5, P[3:]). */
  static boolean completionKeepsParentheses(int[] promptWord, int[] completionWord) {
    int[] dyckWord = java.util.Arrays.copyOfRange(promptWord, 2, promptWord.length);
    return parenthesesMatched(Words.concat(dyckWord, completionWord));
  }
}
