package dev.rulebench.grammar.builtin;

import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Rule;
import dev.rulebench.grammar.TrainingData;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.grammar.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What aⁿbⁿ and aⁿbⁿcⁿ share: words of k blocks of n equal symbols in alphabet order (n uniform in
 * 1…⌊L/k⌋), R1 on the counts and R2 on the order; the prompts are every word of a fixed length,
 * ID when it can still be completed into the language.
 */
abstract class EqualBlocks implements Language {

  private final Vocabulary vocabulary;
  private final int blocks;
  private final int promptLength;
  private final Rule equalCounts;
  private final Rule ordered;

  /**
   * @param symbols the alphabet, in the order of the blocks
   * @param promptLength the length of every prompt
   * @param equalCounts R1
   * @param ordered R2
   */
  EqualBlocks(char[] symbols, int promptLength, Rule equalCounts, Rule ordered) {
    this.vocabulary = new Vocabulary(symbols);
    this.blocks = symbols.length;
    this.promptLength = promptLength;
    this.equalCounts = equalCounts;
    this.ordered = ordered;
  }

  /** Whether a prompt can still be completed into a word of the language (an ID prompt). */
  abstract boolean completable(int[] prompt);

  @Override
  public abstract ChomskyClass chomskyClass();

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public Rule r1() {
    return equalCounts;
  }

  @Override
  public Rule r2() {
    return ordered;
  }

  @Override
  public boolean isMember(int[] word) {
    return equalCounts.holds(word) && ordered.holds(word);
  }

  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    return ordered.holds(completionWord);
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(256, 512, 512, true);
  }

  /** One word for every n = 1…maxLength/k (train = validation), or independent draws. */
  @Override
  public TrainingData generate(DataSpec spec, RandomGenerator random) {
    if (!spec.allLengths()) {
      return Language.super.generate(spec, random);
    }
    List<int[]> all = new ArrayList<>();
    for (int n = 1; n <= spec.maxLength() / blocks; n++) {
      all.add(word(n));
    }
    return new TrainingData(all, all);
  }

  @Override
  public int trainingSize(DataSpec spec) {
    return spec.allLengths() ? spec.maxLength() / blocks : spec.trainSize();
  }

  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    return word(random.nextInt(1, maxLength / blocks + 1));
  }

  /** n uniform in 1…⌊L/k⌋. */
  @Override
  public double probability(int[] word, int maxLength) {
    int n = word.length / blocks;
    return n >= 1 && n <= maxLength / blocks && Arrays.equals(word, word(n)) ? 1.0 / (maxLength / blocks) : 0;
  }

  @Override
  public double wordEntropy(int maxLength) {
    return Math.log(maxLength / blocks);
  }

  /** The word of k blocks of n symbols each. */
  final int[] word(int n) {
    int[] word = new int[0];
    for (int symbol : vocabulary.symbolIds()) {
      word = Words.concat(word, Words.repeat(symbol, n));
    }
    return word;
  }

  /** Every word of the prompt length, ID when {@link #completable}. */
  @Override
  public PromptSets prompts(RandomGenerator random) {
    List<int[]> id = new ArrayList<>();
    List<int[]> ood = new ArrayList<>();
    for (int[] word : Words.allWords(vocabulary.symbolIds(), promptLength)) {
      (completable(word) ? id : ood).add(word);
    }
    return new PromptSets(new PromptSet(PromptKind.ID, id), new PromptSet(PromptKind.OOD, ood));
  }
}
