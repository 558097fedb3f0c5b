package dev.rulebench.models.tf.decode;

import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingMode;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.models.tf.graph.Tensors;
import dev.rulebench.run.Seeds;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Continues prompts with any {@link IncrementalDecoder}: the prompt goes in one position per
 * session run, then each run picks every row's next token in the graph (argmax, or a seeded
 * multinomial draw at a temperature) and returns only those token ids. A row stops at its first
 * EOS; decoding stops when every row has stopped or the budget is spent.
 */
public final class Completer {

  private final Placeholder<TInt32> rows;
  private final Placeholder<TInt32> capacity;
  private final Placeholder<TInt32> tokens;
  private final Placeholder<TInt32> position;
  private final Placeholder<TFloat32> temperature;
  private final Placeholder<TInt64> sampleSeed;
  private final Op reset;
  private final List<Op> updates;
  private final Operand<TFloat32> logits;
  private final Operand<TInt32> greedy;
  private final Operand<TInt32> sampled;
  private final int maxPositions;

  /** Adds the decoding graph of a network; call while building, before the session exists. */
  public Completer(Ops tf, IncrementalDecoder decoder) {
    Ops scope = tf.withSubScope("decode");
    rows = scope.withName("rows").placeholder(TInt32.class);
    capacity = scope.withName("capacity").placeholder(TInt32.class);
    tokens = scope.withName("tokens").placeholder(TInt32.class);
    position = scope.withName("position").placeholder(TInt32.class);
    temperature = scope.withName("temperature").placeholder(TFloat32.class);
    sampleSeed = scope.withName("sample_seed").placeholder(TInt64.class);
    reset = decoder.reset(scope, rows, capacity);
    IncrementalDecoder.Step step = decoder.step(scope, tokens, position);
    updates = step.updates();
    logits = step.logits();
    greedy = scope.math.argMax(step.logits(), scope.constant(1), TInt32.class);
    Operand<TFloat32> scaled = scope.math.div(step.logits(), temperature);
    sampled = scope.reshape(scope.random.statelessMultinomial(scaled, scope.constant(1), sampleSeed, TInt32.class),
        scope.constant(new int[] {-1}));
    maxPositions = decoder.maxPositions();
  }

  /** See {@link dev.rulebench.model.TrainableModel#complete}. */
  public int[][] complete(Session session, int[][] prompts, DecodingOptions options) {
    return complete(session, prompts, options, true);
  }

  /**
   * Completes prompts; with {@code stopAtEos} false every row runs the whole budget, as the
   * reference's generation does (SPEC §1.11 item 6): what benchmarks time.
   */
  public int[][] complete(Session session, int[][] prompts, DecodingOptions options, boolean stopAtEos) {
    int count = prompts.length;
    if (count == 0) {
      return new int[0][];
    }
    int length = prompts[0].length;
    for (int[] prompt : prompts) {
      if (prompt.length != length || length == 0) {
        throw new IllegalArgumentException("prompts of one batch must be non-empty and of equal length");
      }
    }
    // the token at position p+1 comes from feeding position p, so the last new token may sit at maxPositions
    long room = (long) maxPositions - length + 1;
    int budget = (int) Math.max(0, Math.min(options.maxNewTokens(), room));
    List<List<Integer>> produced = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      produced.add(new ArrayList<>());
    }
    if (budget > 0) {
      decode(session, prompts, options, length, budget, produced, stopAtEos);
    }
    int[][] completions = new int[count][];
    for (int r = 0; r < count; r++) {
      completions[r] = produced.get(r).stream().mapToInt(Integer::intValue).toArray();
    }
    return completions;
  }

  /**
   * Feeds whole sequences one position at a time (teacher forcing) and returns every step's logits,
   * {@code [rows][length][V]}: what tests compare with the full forward pass.
   */
  public float[][][] stepLogits(Session session, int[][] sequences) {
    int count = sequences.length;
    int length = sequences[0].length;
    try (TInt32 rowCount = Tensors.scalar(count); TInt32 positions = Tensors.scalar(length)) {
      session.runner().feed(rows, rowCount).feed(capacity, positions).addTarget(reset).run();
    }
    float[][][] out = new float[count][length][];
    int[] column = new int[count];
    for (int p = 0; p < length; p++) {
      for (int r = 0; r < count; r++) {
        column[r] = sequences[r][p];
      }
      try (TInt32 input = Tensors.ints(column, count); TInt32 at = Tensors.scalar(p)) {
        Session.Runner runner = session.runner().feed(tokens, input).feed(position, at);
        updates.forEach(runner::addTarget);
        try (Result result = runner.fetch(logits).run()) {
          float[] values = Tensors.toFloats((TFloat32) result.get(0));
          int vocabulary = values.length / count;
          for (int r = 0; r < count; r++) {
            out[r][p] = java.util.Arrays.copyOfRange(values, r * vocabulary, (r + 1) * vocabulary);
          }
        }
      }
    }
    return out;
  }

  private void decode(Session session, int[][] prompts, DecodingOptions options, int length, int budget,
      List<List<Integer>> produced, boolean stopAtEos) {
    int count = prompts.length;
    try (TInt32 rowCount = Tensors.scalar(count); TInt32 positions = Tensors.scalar(length + budget)) {
      session.runner().feed(rows, rowCount).feed(capacity, positions).addTarget(reset).run();
    }
    int[] column = new int[count];
    for (int p = 0; p < length - 1; p++) {
      for (int r = 0; r < count; r++) {
        column[r] = prompts[r][p];
      }
      advance(session, column, p, options, false);
    }
    for (int r = 0; r < count; r++) {
      column[r] = prompts[r][length - 1];
    }
    boolean[] finished = new boolean[count];
    int open = count;
    int[] next = advance(session, column, length - 1, options, true);
    for (int k = 1; ; k++) {
      for (int r = 0; r < count; r++) {
        if (!finished[r]) {
          produced.get(r).add(next[r]);
          if (stopAtEos && next[r] == Vocabulary.EOS) {
            finished[r] = true;
            open--;
          }
        }
      }
      if (open == 0 || k == budget) {
        return;
      }
      next = advance(session, next, length - 1 + k, options, true);
    }
  }

  /** Feeds one position of every row; returns the picked next tokens, or null when not asked to pick. */
  private int[] advance(Session session, int[] column, int p, DecodingOptions options, boolean pick) {
    try (TInt32 input = Tensors.ints(column, column.length); TInt32 at = Tensors.scalar(p)) {
      Session.Runner runner = session.runner().feed(tokens, input).feed(position, at);
      for (Op update : updates) {
        runner.addTarget(update);
      }
      if (!pick) {
        // a prompt position: only the carried state matters, which the logits' inputs write
        runner.addTarget(logits).run().close();
        return null;
      }
      if (options.mode() == DecodingMode.GREEDY) {
        try (Result result = runner.fetch(greedy).run()) {
          return Tensors.toInts((TInt32) result.get(0));
        }
      }
      try (TFloat32 t = Tensors.scalar((float) options.temperature());
          TInt64 seed = Tensors.longs(new long[] {Seeds.derive(options.seed(), "sample", p), 0}, 2);
          Result result = runner.feed(temperature, t).feed(sampleSeed, seed).fetch(sampled).run()) {
        return Tensors.toInts((TInt32) result.get(0));
      }
    }
  }
}
