package dev.rulebench.models.tf.decode;

import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingMode;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.models.tf.graph.InjectedFaults;
import dev.rulebench.models.tf.graph.StepProfile;
import dev.rulebench.models.tf.graph.Tensors;
import dev.rulebench.spi.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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
 *
 * <p>The decoder is built {@code lanes} times, each with its own carried state, and a batch is split
 * into that many contiguous shards decoded at the same time from separate threads: a decoding step
 * is many small ops, which one core runs with less overhead than two cores share, so lanes keep
 * both cores busy. Greedy results do not depend on the lanes; a sampled token's seed depends on its
 * position and its row.
 */
public final class Completer {

  /** Batches smaller than this per lane are not split. */
  private static final int MIN_ROWS_PER_LANE = 16;

  private final List<Lane> lanes = new ArrayList<>();
  private final int maxPositions;

  /**
   * The name scopes of {@code laneCount} lanes, one per batch that may decode at once. Open them while
   * the graph is still small: {@code Ops.withSubScope} reads the name of every op already in the graph.
   */
  public static List<Ops> laneScopes(Ops tf, int laneCount) {
    List<Ops> scopes = new ArrayList<>();
    for (int i = 0; i < laneCount; i++) {
      scopes.add(tf.withSubScope("decode" + i));
    }
    return scopes;
  }

  /**
   * Adds the decoding graph of a network; call while building, before the session exists.
   *
   * @param laneScopes one scope per lane, from {@link #laneScopes}
   * @param decoder makes one decoder per lane, in the scope it is given
   */
  public Completer(List<Ops> laneScopes, Function<Ops, IncrementalDecoder> decoder) {
    int max = Integer.MAX_VALUE;
    for (Ops scope : laneScopes) {
      Lane lane = new Lane(scope, decoder);
      lanes.add(lane);
      max = lane.maxPositions;
    }
    maxPositions = max;
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
    int[][] completions = new int[count][];
    if (budget == 0) {
      Arrays.fill(completions, new int[0]);
      return completions;
    }
    int used = Math.max(1, Math.min(lanes.size(), count / MIN_ROWS_PER_LANE));
    List<Thread> threads = new ArrayList<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    for (int i = used - 1; i >= 0; i--) {
      int from = (int) ((long) count * i / used);
      int to = (int) ((long) count * (i + 1) / used);
      Lane lane = lanes.get(i);
      Runnable work = () -> {
        try {
          int[][] part = lane.decode(session, Arrays.copyOfRange(prompts, from, to), from, options, length, budget,
              stopAtEos);
          System.arraycopy(part, 0, completions, from, part.length);
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      };
      if (i == 0) {
        work.run();
      } else {
        Thread thread = new Thread(work, "rulebench-decode-" + i);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while decoding", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return completions;
  }

  /**
   * Feeds whole sequences one position at a time (teacher forcing) and returns every step's logits,
   * {@code [rows][length][V]}: what tests compare with the full forward pass.
   */
  public float[][][] stepLogits(Session session, int[][] sequences) {
    return lanes.get(0).stepLogits(session, sequences);
  }

  /** One greedy step of {@code rows} rows at {@code position} of a fresh cache, traced. For tuning. */
  public StepProfile profileStep(Session session, int count, int capacityPositions, int at) {
    return lanes.get(0).profileStep(session, count, capacityPositions, at);
  }

  /** One decoder with its placeholders and carried state. */
  private static final class Lane {
    private final Placeholder<TInt32> rows;
    private final Placeholder<TInt32> capacity;
    private final Placeholder<TInt32> tokens;
    private final Placeholder<TInt32> position;
    private final Placeholder<TInt32> firstRow;
    private final Placeholder<TFloat32> temperature;
    private final Placeholder<TInt64> sampleSeed;
    private final Op reset;
    private final List<Op> updates;
    private final Operand<TFloat32> logits;
    private final Operand<TInt32> greedy;
    private final Operand<TInt32> sampled;
    private final int maxPositions;

    Lane(Ops scope, Function<Ops, IncrementalDecoder> factory) {
      IncrementalDecoder decoder = factory.apply(scope);
      rows = scope.withName("rows").placeholder(TInt32.class);
      capacity = scope.withName("capacity").placeholder(TInt32.class);
      tokens = scope.withName("tokens").placeholder(TInt32.class);
      position = scope.withName("position").placeholder(TInt32.class);
      firstRow = scope.withName("first_row").placeholder(TInt32.class);
      temperature = scope.withName("temperature").placeholder(TFloat32.class);
      sampleSeed = scope.withName("sample_seed").placeholder(TInt64.class);
      reset = decoder.reset(scope, rows, capacity);
      IncrementalDecoder.Step step = decoder.step(scope, tokens, position, firstRow);
      updates = step.updates();
      logits = InjectedFaults.decodingLogits(scope, step.logits());
      greedy = scope.math.argMax(logits, scope.constant(1), TInt32.class);
      Operand<TFloat32> scaled = scope.math.div(logits, temperature);
      sampled = scope.reshape(scope.random.statelessMultinomial(scaled, scope.constant(1), sampleSeed,
          TInt32.class), scope.constant(new int[] {-1}));
      maxPositions = decoder.maxPositions();
    }

    int[][] decode(Session session, int[][] prompts, int first, DecodingOptions options, int length, int budget,
        boolean stopAtEos) {
      int count = prompts.length;
      reset(session, count, length + budget);
      int[] column = new int[count];
      for (int p = 0; p < length - 1; p++) {
        for (int r = 0; r < count; r++) {
          column[r] = prompts[r][p];
        }
        advance(session, column, p, first, options, false);
      }
      for (int r = 0; r < count; r++) {
        column[r] = prompts[r][length - 1];
      }
      int[][] produced = new int[count][budget];
      int[] lengths = new int[count];
      boolean[] finished = new boolean[count];
      int open = count;
      int[] next = advance(session, column, length - 1, first, options, true);
      for (int k = 1; ; k++) {
        for (int r = 0; r < count; r++) {
          if (!finished[r]) {
            produced[r][lengths[r]++] = next[r];
            if (stopAtEos && next[r] == Vocabulary.EOS) {
              finished[r] = true;
              open--;
            }
          }
        }
        if (open == 0 || k == budget) {
          break;
        }
        next = advance(session, next, length - 1 + k, first, options, true);
      }
      for (int r = 0; r < count; r++) {
        produced[r] = Arrays.copyOf(produced[r], lengths[r]);
      }
      return produced;
    }

    private void reset(Session session, int count, int positions) {
      try (TInt32 rowCount = Tensors.scalar(count); TInt32 room = Tensors.scalar(positions)) {
        session.runner().feed(rows, rowCount).feed(capacity, room).addTarget(reset).run().close();
      }
    }

    private Session.Runner feed(Session session, TInt32 input, TInt32 at, TInt32 row) {
      Session.Runner runner = session.runner().feed(tokens, input).feed(position, at).feed(firstRow, row);
      updates.forEach(runner::addTarget);
      return runner;
    }

    /** Feeds one position of every row; returns the picked next tokens, or null when not asked to pick. */
    private int[] advance(Session session, int[] column, int p, int first, DecodingOptions options, boolean pick) {
      try (TInt32 input = Tensors.ints(column, column.length); TInt32 at = Tensors.scalar(p);
          TInt32 row = Tensors.scalar(first)) {
        Session.Runner runner = feed(session, input, at, row);
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
        long seed = RandomStreams.derive(RandomStreams.derive(options.seed(), "sample", p), "row", first);
        try (TFloat32 t = Tensors.scalar((float) options.temperature());
            TInt64 seedTensor = Tensors.longs(new long[] {seed, 0}, 2);
            Result result = runner.feed(temperature, t).feed(sampleSeed, seedTensor).fetch(sampled).run()) {
          return Tensors.toInts((TInt32) result.get(0));
        }
      }
    }

    float[][][] stepLogits(Session session, int[][] sequences) {
      int count = sequences.length;
      int length = sequences[0].length;
      reset(session, count, length);
      float[][][] out = new float[count][length][];
      int[] column = new int[count];
      for (int p = 0; p < length; p++) {
        for (int r = 0; r < count; r++) {
          column[r] = sequences[r][p];
        }
        try (TInt32 input = Tensors.ints(column, count); TInt32 at = Tensors.scalar(p); TInt32 row = Tensors.scalar(0);
            Result result = feed(session, input, at, row).fetch(logits).run()) {
          float[] values = Tensors.toFloats((TFloat32) result.get(0));
          int vocabulary = values.length / count;
          for (int r = 0; r < count; r++) {
            out[r][p] = Arrays.copyOfRange(values, r * vocabulary, (r + 1) * vocabulary);
          }
        }
      }
      return out;
    }

    StepProfile profileStep(Session session, int count, int positions, int at) {
      reset(session, count, positions);
      int[] column = new int[count];
      try (TInt32 input = Tensors.ints(column, count); TInt32 p = Tensors.scalar(at); TInt32 row = Tensors.scalar(0)) {
        feed(session, input, p, row).fetch(greedy).run().close();
      }
      try (TInt32 input = Tensors.ints(column, count); TInt32 p = Tensors.scalar(at + 1);
          TInt32 row = Tensors.scalar(0);
          Result result = feed(session, input, p, row).fetch(greedy)
              .setOptions(StepProfile.TRACE).runAndFetchMetadata()) {
        return new StepProfile(result.getMetadata().orElseThrow());
      }
    }
  }
}
