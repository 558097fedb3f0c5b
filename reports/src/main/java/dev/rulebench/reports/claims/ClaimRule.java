package dev.rulebench.reports.claims;

import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import java.util.Arrays;
import java.util.List;

/**
 * What a claim asserts, in a form the report can check against any set of values: ours or the
 * papers' published ones.
 */
public sealed interface ClaimRule {

  /** Which per-run reduction of the history the claim is about. */
  HistoryAggregation aggregation();

  /**
   * {@code highest <metric> <architecture> on <language>}: the architecture's value is the
   * largest among the architectures with a value there (ties hold); {@code *} asks it on every
   * language where it has one.
   */
  record Highest(Metric metric, String architecture, String language) implements ClaimRule {
    @Override
    public HistoryAggregation aggregation() {
      return HistoryAggregation.PAPER;
    }
  }

  /** {@code at-least <bound> <metrics> <architectures> on <languages>}: every such value ≥ bound. */
  record AtLeast(double bound, List<Metric> metrics, List<String> architectures, List<String> languages)
      implements ClaimRule {
    @Override
    public HistoryAggregation aggregation() {
      return HistoryAggregation.PAPER;
    }
  }

  /**
   * {@code ordered <metric> <variant> < <variant> … on <language> loss-within <fraction>}: the
   * training variants' values increase strictly in that order, at test losses within the fraction
   * of each other; read at each run's best checkpoint, as the ICML case study does.
   */
  record Ordered(Metric metric, List<String> variants, String language, double lossWithin) implements ClaimRule {
    @Override
    public HistoryAggregation aggregation() {
      return HistoryAggregation.BEST_CHECKPOINT;
    }
  }

  /** Parses one rule; the message of a bad rule names what was expected. */
  static ClaimRule parse(String text) {
    List<String> words = Arrays.stream(text.trim().split("\\s+")).toList();
    try {
      switch (words.get(0)) {
        case "highest" -> {
          expect(words, 3, "on");
          return new Highest(metric(words.get(1)), words.get(2), words.get(4));
        }
        case "at-least" -> {
          expect(words, 4, "on");
          return new AtLeast(Double.parseDouble(words.get(1)), Arrays.stream(words.get(2).split(","))
              .map(ClaimRule::metric).toList(), List.of(words.get(3).split(",")), List.of(words.get(5).split(",")));
        }
        case "ordered" -> {
          int on = words.indexOf("on");
          List<String> order = words.subList(2, on);
          if (on < 0 || order.size() < 3 || order.size() % 2 == 0) {
            throw new IllegalArgumentException("expected <variant> < <variant> …");
          }
          List<String> variants = new java.util.ArrayList<>();
          for (int i = 0; i < order.size(); i++) {
            if (i % 2 == 1 && !order.get(i).equals("<")) {
              throw new IllegalArgumentException("expected '<' between variants, found '" + order.get(i) + "'");
            }
            if (i % 2 == 0) {
              variants.add(order.get(i));
            }
          }
          expect(words, on + 2, "loss-within");
          return new Ordered(metric(words.get(1)), variants, words.get(on + 1), Double.parseDouble(words.get(on + 3)));
        }
        default -> throw new IllegalArgumentException("unknown rule '" + words.get(0)
            + "'; known: highest, at-least, ordered");
      }
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      throw new IllegalArgumentException("malformed rule '" + text + "': " + e.getMessage(), e);
    }
  }

  private static void expect(List<String> words, int index, String word) {
    if (!words.get(index).equals(word)) {
      throw new IllegalArgumentException("expected '" + word + "' at word " + (index + 1) + ", found '"
          + words.get(index) + "'");
    }
  }

  private static Metric metric(String key) {
    return Metric.byKey(key).orElseThrow(() -> new IllegalArgumentException("unknown metric '" + key + "'"));
  }
}
