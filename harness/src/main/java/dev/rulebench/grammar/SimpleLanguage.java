package dev.rulebench.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The short path to a language of one's own: its alphabet, its two rules on words written as text
 * ({@code "aabbbb"}) and a generator; everything else {@link Language} asks for is derived, and
 * each derivation can be overridden.
 *
 * <ul>
 *   <li>membership: both rules hold; an OOD completion keeps R2 when R2 holds on the completion;
 *   <li>prompts: words of {@value #PROMPT_LENGTH} symbols. ID prompts are the first
 *       {@value #PROMPT_LENGTH} symbols of words the generator makes (so each can be completed into
 *       the language); OOD prompts are words that break R2. At most {@value #MOST_PROMPTS} of each;
 *   <li>chance levels: how often a completion of uniformly random symbols and EOS keeps R1 and R2,
 *       estimated from 4000 such completions per prompt set;
 *   <li>data: the papers' sizes for a sampled language (512 training and validation words of up to
 *       256 symbols);
 *   <li>the lowest test loss possible: give {@link #probability} as well (often one line), and it is
 *       computed from it.
 * </ul>
 */
public abstract class SimpleLanguage implements Language {

  public static final int PROMPT_LENGTH = 8;
  public static final int MOST_PROMPTS = 256;
  private static final int GENERATED_FOR_PROMPTS = 20_000;
  private static final int CHANCE_SAMPLES = 4000;
  private static final int CHANCE_BUDGET = 300;

  private final String name;
  private final Vocabulary vocabulary;
  private final ChomskyClass chomskyClass;
  private ChanceLevels chance;

  /**
   * @param name the name suites and the command line use
   * @param alphabet the symbols, one character each, e.g. {@code "ab"}
   */
  protected SimpleLanguage(String name, String alphabet, ChomskyClass chomskyClass) {
    this.name = name;
    this.vocabulary = new Vocabulary(alphabet.toCharArray());
    this.chomskyClass = chomskyClass;
  }

  /** R1, the rule to extrapolate. */
  protected abstract boolean r1(String word);

  /** R2, the rule the OOD prompts break. */
  protected abstract boolean r2(String word);

  /** One word of at most maxLength symbols, drawn from the language's generator. */
  protected abstract String generate(int maxLength, RandomGenerator random);

  @Override
  public String name() {
    return name;
  }

  @Override
  public String displayName() {
    return name;
  }

  @Override
  public ChomskyClass chomskyClass() {
    return chomskyClass;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public Rule r1() {
    return new Rule("R1 of " + name, word -> r1(text(word)));
  }

  @Override
  public Rule r2() {
    return new Rule("R2 of " + name, word -> r2(text(word)));
  }

  @Override
  public boolean isMember(int[] word) {
    String text = text(word);
    return r1(text) && r2(text);
  }

  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    return r2(text(completionWord));
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(256, 512, 512, false);
  }

  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    String word = generate(maxLength, random);
    if (word.length() > maxLength) {
      throw new IllegalStateException(name + ": generate(" + maxLength + ") made a word of " + word.length()
          + " symbols");
    }
    return vocabulary.encode(word);
  }

  @Override
  public PromptSets prompts(RandomGenerator random) {
    // ID: prefixes of generated words, drawn with a stream of the language's own, so every seed
    // sees the same candidates and only the subset varies
    SplittableRandom generator = new SplittableRandom(name.hashCode());
    TreeSet<String> prefixes = new TreeSet<>();
    for (int i = 0; i < GENERATED_FOR_PROMPTS; i++) {
      String word = generate(4 * PROMPT_LENGTH, generator);
      if (word.length() >= PROMPT_LENGTH) {
        prefixes.add(word.substring(0, PROMPT_LENGTH));
      }
    }
    if (prefixes.isEmpty()) {
      throw new IllegalStateException(name + ": the generator made no word of " + PROMPT_LENGTH + " symbols or more"
          + " in " + GENERATED_FOR_PROMPTS + " draws up to " + 4 * PROMPT_LENGTH + ", so there are no ID prompts;"
          + " override prompts()");
    }
    List<String> breaking = new ArrayList<>();
    for (int[] word : Words.allWords(vocabulary.symbolIds(), PROMPT_LENGTH)) {
      String text = text(word);
      if (!r2(text)) {
        breaking.add(text);
      }
    }
    if (breaking.isEmpty()) {
      throw new IllegalStateException(name + ": no word of " + PROMPT_LENGTH + " symbols breaks R2, so there are no"
          + " OOD prompts; override prompts()");
    }
    return new PromptSets(new PromptSet(PromptKind.ID, encode(atMost(new ArrayList<>(prefixes), random))),
        new PromptSet(PromptKind.OOD, encode(atMost(breaking, random))));
  }

  @Override
  public synchronized ChanceLevels chanceLevels() {
    if (chance == null) {
      chance = estimateChance(prompts(new SplittableRandom(0)).ood().words());
    }
    return chance;
  }

  /** R1 on prompt + completion and R2 on the completion, for completions of uniform random tokens. */
  private ChanceLevels estimateChance(List<int[]> oodPrompts) {
    Random random = new Random(name.hashCode());
    int[] symbols = vocabulary.symbolIds();
    int finished = 0;
    int keepsR1 = 0;
    int keepsR2 = 0;
    for (int i = 0; i < CHANCE_SAMPLES; i++) {
      int[] prompt = oodPrompts.get(i % oodPrompts.size());
      List<Integer> completion = new ArrayList<>();
      boolean ended = false;
      while (completion.size() < CHANCE_BUDGET) {
        int pick = random.nextInt(symbols.length + 1);
        if (pick == symbols.length) {
          ended = true;
          break;
        }
        completion.add(symbols[pick]);
      }
      if (!ended) {
        continue;
      }
      finished++;
      int[] tokens = completion.stream().mapToInt(Integer::intValue).toArray();
      keepsR1 += r1().holds(Words.concat(prompt, tokens)) ? 1 : 0;
      keepsR2 += completionKeepsR2(prompt, tokens) ? 1 : 0;
    }
    return finished == 0 ? new ChanceLevels(0, 0)
        : new ChanceLevels((double) keepsR1 / finished, (double) keepsR2 / finished);
  }

  private static List<String> atMost(List<String> words, RandomGenerator random) {
    if (words.size() <= MOST_PROMPTS) {
      return words;
    }
    List<String> shuffled = new ArrayList<>(words);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
    }
    return new ArrayList<>(new TreeSet<>(shuffled.subList(0, MOST_PROMPTS)));
  }

  private List<int[]> encode(List<String> words) {
    return words.stream().map(vocabulary::encode).toList();
  }

  /** A word's symbols as text, e.g. {@code "aabb"}. */
  protected final String text(int[] word) {
    return vocabulary.decode(word).replace(" ", "");
  }
}
