package dev.rulebench.train;

import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.spi.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns words into padded {@link TokenBatch}es with loss weights.
 *
 * <p>With PAD in the loss (the papers' definition) every row is padded to the full sequence length
 * and every target weighs the same, so the loss is the mean over rows × positions. Without PAD,
 * PAD targets weigh 0 and a batch is only as long as its longest row: the loss is unchanged by the
 * trim, and short batches cost less.
 */
public final class BatchBuilder {

  private final int sequenceLength;
  private final boolean lossIncludesPad;

  /**
   * @param sequenceLength SOS + the longest word + EOS
   * @param lossIncludesPad whether PAD targets count
   */
  public BatchBuilder(int sequenceLength, boolean lossIncludesPad) {
    this.sequenceLength = sequenceLength;
    this.lossIncludesPad = lossIncludesPad;
  }

  /** A word the model should learn, or (with a prompt length) only the part after the prompt. */
  public record Row(int[] word, int supervisedFrom) {
    public static Row whole(int[] word) {
      return new Row(word, 0);
    }

    /** Only the targets after the prompt's symbols count: the completion and its EOS. */
    public static Row completionOf(int[] promptWord, int[] completion) {
      int[] word = Arrays.copyOf(promptWord, promptWord.length + completion.length);
      System.arraycopy(completion, 0, word, promptWord.length, completion.length);
      return new Row(word, promptWord.length);
    }
  }

  /** One training batch whose loss is the mean over its rows' counted targets. */
  public TokenBatch batch(List<int[]> words) {
    return assemble(words.stream().map(Row::whole).toList(), List.of(), countedTargets(words), 1);
  }

  /**
   * A training batch plus supervised completions (SPEC §2.1): the loss is the mean over the words
   * plus the mean over the completion targets, as the reference adds the two terms. The completion
   * targets are every position after the prompt: the completion's symbols and its EOS, and, with
   * PAD in the loss, the PAD targets up to the longest supervised sequence, because the reference
   * pads these sequences to their longest and its cross-entropy counts PAD there too. (The
   * reference's slice also starts one target late, so it never supervises the first completion
   * symbol, nor the EOS of a prompt that is already balanced; that off-by-one is not copied.)
   */
  public TokenBatch batch(List<int[]> words, List<Row> supervised) {
    if (supervised.isEmpty()) {
      return batch(words);
    }
    int supervisedLength = supervisedLength(supervised);
    long completionTargets = supervised.stream().mapToLong(r -> lastSupervisedTarget(r, supervisedLength)
        - r.supervisedFrom() + 1).sum();
    return assemble(words.stream().map(Row::whole).toList(), supervised, countedTargets(words), completionTargets);
  }

  /** SOS, the longest supervised word, EOS: the length the reference pads its supervised rows to. */
  private static int supervisedLength(List<Row> supervised) {
    return supervised.stream().mapToInt(r -> r.word().length).max().orElse(0) + 2;
  }

  /** The last counted target of a supervised row: its EOS, or with PAD in the loss the padded end. */
  private int lastSupervisedTarget(Row row, int supervisedLength) {
    return lossIncludesPad ? supervisedLength - 2 : row.word().length;
  }

  /**
   * Validation batches whose losses add up to the mean over the whole set.
   */
  public List<TokenBatch> evaluationBatches(List<int[]> words, int batchSize) {
    long total = countedTargets(words);
    List<TokenBatch> batches = new ArrayList<>();
    for (int from = 0; from < words.size(); from += batchSize) {
      List<int[]> slice = words.subList(from, Math.min(words.size(), from + batchSize));
      batches.add(assemble(slice.stream().map(Row::whole).toList(), List.of(), total, 1));
    }
    return batches;
  }

  private long countedTargets(List<int[]> words) {
    if (lossIncludesPad) {
      return (long) words.size() * (sequenceLength - 1);
    }
    return words.stream().mapToLong(w -> w.length + 1).sum();
  }

  private TokenBatch assemble(List<Row> rows, List<Row> supervised, long rowTargets, long supervisedTargets) {
    List<Row> all = new ArrayList<>(rows);
    all.addAll(supervised);
    int longest = all.stream().mapToInt(r -> r.word().length).max().orElse(0) + 2;
    if (longest > sequenceLength) {
      throw new IllegalArgumentException("a word of " + (longest - 2) + " symbols exceeds the maximum length "
          + (sequenceLength - 2));
    }
    int length = lossIncludesPad ? sequenceLength : longest;
    int supervisedLength = supervisedLength(supervised);
    int[] tokens = new int[all.size() * length];
    float[] weights = new float[all.size() * (length - 1)];
    Arrays.fill(tokens, Vocabulary.PAD);
    for (int r = 0; r < all.size(); r++) {
      Row row = all.get(r);
      boolean isSupervised = r >= rows.size();
      int[] sequence = Vocabulary.sequence(row.word());
      System.arraycopy(sequence, 0, tokens, r * length, sequence.length);
      float weight = (float) (1.0 / (isSupervised ? supervisedTargets : rowTargets));
      // target position t predicts tokens[t + 1]; the word's symbols sit at tokens 1…|w|, EOS at |w|+1
      int firstCounted = isSupervised ? row.supervisedFrom() : 0;
      int lastCounted = isSupervised ? lastSupervisedTarget(row, supervisedLength)
          : !lossIncludesPad ? sequence.length - 2 : length - 2;
      for (int t = firstCounted; t <= lastCounted; t++) {
        weights[r * (length - 1) + t] = weight;
      }
    }
    return new TokenBatch(all.size(), length, tokens, weights);
  }

  /** The epoch's batches, shuffled by a stream derived from the seed and the epoch alone. */
  static List<List<int[]>> shuffled(List<int[]> words, int batchSize, long seed, int epoch) {
    int[] order = new int[words.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = RandomStreams.random(seed, "shuffle", epoch);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<List<int[]>> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += batchSize) {
      List<int[]> batch = new ArrayList<>();
      for (int i = from; i < Math.min(order.length, from + batchSize); i++) {
        batch.add(words.get(order[i]));
      }
      batches.add(batch);
    }
    return batches;
  }
}
