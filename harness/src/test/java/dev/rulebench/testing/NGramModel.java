package dev.rulebench.testing;

import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingMode;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelInfo;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.model.TrainableModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A smoothed n-gram model with back-off: each training step adds the batch's weighted
 * (context, next token) counts; prediction uses the longest context seen, with add-k smoothing.
 * Losses are {@code Σ weight · cross-entropy}, as {@link TokenBatch} defines them.
 */
final class NGramModel implements TrainableModel {

  private final ModelSpec spec;
  private final Runnable onClose;
  private final Runnable onStep;
  private final int order;
  private final double smoothing;
  private final int stepMillis;
  private final int vocabulary;
  private final Map<String, double[]> counts = new HashMap<>();
  private boolean closed;

  NGramModel(ModelSpec spec, Runnable onStep, Runnable onClose) {
    this.spec = spec;
    this.onStep = onStep;
    this.onClose = onClose;
    this.order = spec.config().intValue("order");
    this.smoothing = spec.config().doubleValue("smoothing");
    this.stepMillis = spec.config().intValue("stepMillis");
    this.vocabulary = spec.vocabularySize();
    if (order < 1 || !(smoothing > 0)) {
      throw new IllegalArgumentException("order must be ≥ 1 and smoothing > 0");
    }
  }

  @Override
  public double trainStep(TokenBatch batch, double learningRate, long step) {
    if (stepMillis > 0) {
      try {
        Thread.sleep(stepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    onStep.run();
    double loss = loss(batch);
    forEachTarget(batch, (context, target, weight) -> {
      for (int length = 0; length <= context.size(); length++) {
        counts.computeIfAbsent(key(context, length), k -> new double[vocabulary])[target] += weight;
      }
    });
    return loss;
  }

  @Override
  public double loss(TokenBatch batch) {
    double[] loss = {0};
    forEachTarget(batch, (context, target, weight) -> loss[0] -= weight * Math.log(distribution(context)[target]));
    return loss[0];
  }

  @Override
  public int[][] complete(int[][] prompts, DecodingOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed());
    int[][] completions = new int[prompts.length][];
    for (int i = 0; i < prompts.length; i++) {
      List<Integer> sequence = new ArrayList<>();
      for (int token : prompts[i]) {
        sequence.add(token);
      }
      List<Integer> generated = new ArrayList<>();
      while (generated.size() < options.maxNewTokens()) {
        double[] p = distribution(sequence.subList(Math.max(0, sequence.size() - (order - 1)), sequence.size()));
        int next = options.mode() == DecodingMode.GREEDY ? argmax(p) : sample(p, options.temperature(), random);
        generated.add(next);
        sequence.add(next);
        if (next == Vocabulary.EOS) {
          break;
        }
      }
      completions[i] = generated.stream().mapToInt(Integer::intValue).toArray();
    }
    return completions;
  }

  @Override
  public void saveCheckpoint(Path directory) {
    StringBuilder text = new StringBuilder();
    counts.forEach((key, values) -> {
      text.append(key.isEmpty() ? "-" : key);
      for (double v : values) {
        text.append(' ').append(v);
      }
      text.append('\n');
    });
    try {
      Files.writeString(directory.resolve("counts.txt"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void restoreCheckpoint(Path directory) {
    try {
      counts.clear();
      for (String line : Files.readAllLines(directory.resolve("counts.txt"))) {
        String[] parts = line.split(" ");
        double[] values = new double[vocabulary];
        for (int i = 0; i < vocabulary; i++) {
          values[i] = Double.parseDouble(parts[i + 1]);
        }
        counts.put(parts[0].equals("-") ? "" : parts[0], values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo((long) counts.size() * vocabulary, "cpu", "n-gram counter (RuleBench test backend)");
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }

  /** The next-token distribution after a context, backing off to shorter contexts never seen. */
  private double[] distribution(List<Integer> context) {
    for (int length = context.size(); length >= 0; length--) {
      double[] seen = counts.get(key(context, length));
      if (seen != null) {
        double total = 0;
        for (double c : seen) {
          total += c;
        }
        double[] p = new double[vocabulary];
        for (int t = 0; t < vocabulary; t++) {
          p[t] = (seen[t] + smoothing) / (total + smoothing * vocabulary);
        }
        return p;
      }
    }
    double[] uniform = new double[vocabulary];
    java.util.Arrays.fill(uniform, 1.0 / vocabulary);
    return uniform;
  }

  private interface TargetConsumer {
    void accept(List<Integer> context, int target, double weight);
  }

  private void forEachTarget(TokenBatch batch, TargetConsumer consumer) {
    for (int row = 0; row < batch.rows(); row++) {
      for (int position = 0; position < batch.length() - 1; position++) {
        float weight = batch.weights()[row * (batch.length() - 1) + position];
        if (weight == 0) {
          continue;
        }
        List<Integer> context = new ArrayList<>();
        for (int p = Math.max(0, position - (order - 2)); p <= position; p++) {
          context.add(batch.token(row, p));
        }
        consumer.accept(order == 1 ? List.of() : context, batch.token(row, position + 1), weight);
      }
    }
  }

  /** The key of the last {@code length} tokens of a context. */
  private static String key(List<Integer> context, int length) {
    StringBuilder key = new StringBuilder();
    for (int i = context.size() - length; i < context.size(); i++) {
      key.append(context.get(i)).append(',');
    }
    return key.toString();
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int t = 1; t < p.length; t++) {
      if (p[t] > p[best]) {
        best = t;
      }
    }
    return best;
  }

  private static int sample(double[] p, double temperature, SplittableRandom random) {
    double[] weights = new double[p.length];
    double total = 0;
    for (int t = 0; t < p.length; t++) {
      weights[t] = Math.pow(p[t], 1 / temperature);
      total += weights[t];
    }
    double u = random.nextDouble() * total;
    for (int t = 0; t < p.length; t++) {
      u -= weights[t];
      if (u <= 0) {
        return t;
      }
    }
    return p.length - 1;
  }
}
