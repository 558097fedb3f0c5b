package dev.rulebench.spark.testing;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingMode;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelInfo;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real, tiny model for executor tests: next-token probabilities from smoothed bigram counts.
 * Training adds a batch's weighted transitions; it is deterministic, needs no native library, and
 * its config can slow each step or make a step fail, so tests can cancel and break trials.
 */
public final class BigramArchitecture implements ModelArchitecture {

  /** Pseudo-count added to every transition. */
  public static final String SMOOTHING = "smoothing";
  /** Milliseconds each training step sleeps, to give tests a trial that takes a while. */
  public static final String STEP_DELAY_MILLIS = "stepDelayMillis";
  /** The step at which training throws (negative: never). */
  public static final String FAIL_AT_STEP = "failAtStep";

  @Override
  public String name() {
    return "bigram";
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder().put(SMOOTHING, 0.5).put(STEP_DELAY_MILLIS, 0).put(FAIL_AT_STEP, -1).build();
  }

  private static final AtomicInteger CREATED = new AtomicInteger();

  @Override
  public TrainableModel create(ModelSpec spec) {
    CREATED.incrementAndGet();
    return new Bigram(spec);
  }

  /** Models created in this JVM so far: with Spark embedded, tests see when a trial starts training. */
  public static int created() {
    return CREATED.get();
  }

  private static final class Bigram implements TrainableModel {
    private final int vocabulary;
    private final double smoothing;
    private final long stepDelayMillis;
    private final long failAtStep;
    private final double[][] counts;

    Bigram(ModelSpec spec) {
      this.vocabulary = spec.vocabularySize();
      this.smoothing = spec.config().doubleValue(SMOOTHING);
      this.stepDelayMillis = spec.config().intValue(STEP_DELAY_MILLIS);
      this.failAtStep = spec.config().intValue(FAIL_AT_STEP);
      this.counts = new double[vocabulary][vocabulary];
    }

    @Override
    public double trainStep(TokenBatch batch, double learningRate, long step) {
      if (step == failAtStep) {
        throw new IllegalStateException("the bigram model was configured to fail at step " + step);
      }
      double loss = loss(batch);
      for (int row = 0; row < batch.rows(); row++) {
        for (int position = 1; position < batch.length(); position++) {
          float weight = batch.weights()[row * (batch.length() - 1) + position - 1];
          counts[batch.token(row, position - 1)][batch.token(row, position)] += weight;
        }
      }
      if (stepDelayMillis > 0) {
        try {
          Thread.sleep(stepDelayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // the trainer sees the cancellation before the next step
        }
      }
      return loss;
    }

    @Override
    public double loss(TokenBatch batch) {
      double loss = 0;
      for (int row = 0; row < batch.rows(); row++) {
        for (int position = 1; position < batch.length(); position++) {
          float weight = batch.weights()[row * (batch.length() - 1) + position - 1];
          if (weight != 0) {
            loss -= weight * Math.log(probability(batch.token(row, position - 1), batch.token(row, position)));
          }
        }
      }
      return loss;
    }

    private double probability(int previous, int next) {
      double total = 0;
      for (double count : counts[previous]) {
        total += count + smoothing;
      }
      return (counts[previous][next] + smoothing) / total;
    }

    @Override
    public int[][] complete(int[][] prompts, DecodingOptions options) {
      int[][] completions = new int[prompts.length][];
      for (int p = 0; p < prompts.length; p++) {
        SplittableRandom random = new SplittableRandom(options.seed() * 31 + p);
        int[] out = new int[options.maxNewTokens()];
        int length = 0;
        int previous = prompts[p][prompts[p].length - 1];
        while (length < out.length) {
          int next = options.mode() == DecodingMode.GREEDY ? mostLikely(previous) : draw(previous, random);
          out[length++] = next;
          if (next == Vocabulary.EOS) {
            break;
          }
          previous = next;
        }
        completions[p] = Arrays.copyOf(out, length);
      }
      return completions;
    }

    private int mostLikely(int previous) {
      int best = 0;
      for (int next = 1; next < vocabulary; next++) {
        if (counts[previous][next] > counts[previous][best]) {
          best = next;
        }
      }
      return best;
    }

    private int draw(int previous, SplittableRandom random) {
      double u = random.nextDouble();
      double cumulative = 0;
      for (int next = 0; next < vocabulary; next++) {
        cumulative += probability(previous, next);
        if (u < cumulative) {
          return next;
        }
      }
      return vocabulary - 1;
    }

    @Override
    public void saveCheckpoint(Path directory) {
      String text = Arrays.stream(counts)
          .map(row -> Arrays.stream(row).mapToObj(Double::toString).collect(Collectors.joining(" ")))
          .collect(Collectors.joining("\n"));
      try {
        Files.writeString(directory.resolve("counts.txt"), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void restoreCheckpoint(Path directory) {
      try {
        String[] rows = Files.readString(directory.resolve("counts.txt")).split("\n");
        for (int i = 0; i < vocabulary; i++) {
          String[] cells = rows[i].split(" ");
          for (int j = 0; j < vocabulary; j++) {
            counts[i][j] = Double.parseDouble(cells[j]);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public ModelInfo info() {
      return new ModelInfo((long) vocabulary * vocabulary, "cpu", "bigram counts (RuleBench test model)");
    }

    @Override
    public void close() {}
  }
}
