package dev.rulebench.grammar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Token ids of a language: SOS, EOS and PAD first, then the language's own symbols (SPEC §1.1).
 *
 * <p>Words are handled as {@code int[]} token ids without SOS and EOS; text uses the symbols
 * themselves ({@code a b c ( ) [ ]}).
 */
public final class Vocabulary {

  public static final int SOS = 0;
  public static final int EOS = 1;
  public static final int PAD = 2;
  public static final int FIRST_SYMBOL = 3;

  private final char[] symbols;

  public Vocabulary(char... symbols) {
    if (symbols.length == 0) {
      throw new IllegalArgumentException("a vocabulary needs at least one symbol");
    }
    this.symbols = symbols.clone();
  }

  /** Number of token ids, specials included: the model's input and output width. */
  public int size() {
    return FIRST_SYMBOL + symbols.length;
  }

  public int symbolCount() {
    return symbols.length;
  }

  /** Token id of a symbol character. */
  public int id(char symbol) {
    for (int i = 0; i < symbols.length; i++) {
      if (symbols[i] == symbol) {
        return FIRST_SYMBOL + i;
      }
    }
    throw new IllegalArgumentException(
        "symbol '" + symbol + "' is not in the alphabet {" + alphabet() + "}");
  }

  public boolean isSymbol(int token) {
    return token >= FIRST_SYMBOL && token < size();
  }

  /** The symbol ids, in token order. */
  public int[] symbolIds() {
    int[] ids = new int[symbols.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = FIRST_SYMBOL + i;
    }
    return ids;
  }

  /**
   * Encodes text made of this alphabet's symbols; whitespace between symbols is ignored.
   *
   * @throws IllegalArgumentException naming the first character outside the alphabet
   */
  public int[] encode(String text) {
    List<Integer> ids = new ArrayList<>();
    for (char c : text.toCharArray()) {
      if (!Character.isWhitespace(c)) {
        ids.add(id(c));
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Renders tokens as text: symbols as themselves, specials as {@code <sos> <eos> <pad>}. */
  public String decode(int[] tokens) {
    StringBuilder text = new StringBuilder();
    for (int token : tokens) {
      text.append(render(token));
    }
    return text.toString();
  }

  private String render(int token) {
    return switch (token) {
      case SOS -> "<sos>";
      case EOS -> "<eos>";
      case PAD -> "<pad>";
      default -> isSymbol(token) ? String.valueOf(symbols[token - FIRST_SYMBOL]) : "<" + token + ">";
    };
  }

  /** The alphabet as "a, b". */
  public String alphabet() {
    return new String(symbols).chars().mapToObj(c -> String.valueOf((char) c))
        .collect(Collectors.joining(", "));
  }

  /** Wraps a word as a model sequence: SOS, the word, EOS. */
  public static int[] sequence(int[] word) {
    int[] sequence = new int[word.length + 2];
    sequence[0] = SOS;
    System.arraycopy(word, 0, sequence, 1, word.length);
    sequence[sequence.length - 1] = EOS;
    return sequence;
  }

  /** Prefixes a word with SOS, as prompts are fed to a model. */
  public static int[] prompt(int[] word) {
    int[] prompt = new int[word.length + 1];
    prompt[0] = SOS;
    System.arraycopy(word, 0, prompt, 1, word.length);
    return prompt;
  }

  @Override
  public String toString() {
    return "Vocabulary{" + Arrays.toString(symbols) + "}";
  }
}
