package dev.rulebench.reports.claims;

import dev.rulebench.eval.Metric;
import dev.rulebench.reports.claims.ClaimData.Reading;
import dev.rulebench.reports.claims.ClaimOutcome.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The papers' claims ({@code claims.txt} beside this class), checked against RuleBench's runs and
 * against the papers' own published values.
 */
public final class Claims {

  private static final String RESOURCE = "/dev/rulebench/reports/claims/claims.txt";

  private final List<Claim> claims;

  public Claims(List<Claim> claims) {
    this.claims = List.copyOf(claims);
  }

  /** The claims shipped with RuleBench. */
  public static Claims published() {
    try (InputStream in = Claims.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One claim per line, {@code id | paper | statement | rule}; blank lines and {@code #} comments skipped. */
  public static Claims parse(List<String> lines) {
    List<Claim> parsed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s*\\|\\s*");
      if (fields.length != 4) {
        throw new IllegalArgumentException("claims line " + (i + 1) + ": expected id | paper | statement | rule, got '"
            + line + "'");
      }
      try {
        parsed.add(new Claim(fields[0], fields[1], fields[2], ClaimRule.parse(fields[3])));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("claims line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new Claims(parsed);
  }

  public List<Claim> claims() {
    return claims;
  }

  /** Every claim's outcome on these values, in file order. */
  public Map<Claim, ClaimOutcome> evaluate(ClaimData data) {
    Map<Claim, ClaimOutcome> outcomes = new LinkedHashMap<>();
    claims.forEach(claim -> outcomes.put(claim, evaluate(claim.rule(), data)));
    return outcomes;
  }

  static ClaimOutcome evaluate(ClaimRule rule, ClaimData data) {
    // Java 17: no patterns in switch yet
    if (rule instanceof ClaimRule.Highest highest) {
      return highest.language().equals("*") ? everywhere(highest, data) : highest(highest, highest.language(), data);
    }
    if (rule instanceof ClaimRule.AtLeast atLeast) {
      return atLeast(atLeast, data);
    }
    return ordered((ClaimRule.Ordered) rule, data);
  }

  private static ClaimOutcome highest(ClaimRule.Highest rule, String language, ClaimData data) {
    Optional<Reading> own = data.read(language, rule.architecture(), "normal", rule.metric(), rule.aggregation());
    if (own.isEmpty()) {
      return new ClaimOutcome(Verdict.NOT_MEASURED, "no " + rule.architecture() + " cell on " + language);
    }
    if (own.get().notMeasured()) {
      return new ClaimOutcome(Verdict.NOT_MEASURED, rule.architecture() + " on " + language + ": no completion finished");
    }
    List<String> others = new ArrayList<>();
    List<String> unmeasured = new ArrayList<>();
    boolean highest = true;
    for (String architecture : data.architectures(language)) {
      if (architecture.equals(rule.architecture())) {
        continue;
      }
      Optional<Reading> other = data.read(language, architecture, "normal", rule.metric(), rule.aggregation());
      if (other.isEmpty()) {
        continue;
      }
      if (other.get().notMeasured()) {
        unmeasured.add(architecture);
        continue;
      }
      others.add(architecture + " " + format(other.get().mean()));
      highest &= own.get().mean() >= other.get().mean();
    }
    if (others.isEmpty()) {
      return new ClaimOutcome(Verdict.NOT_MEASURED, rule.architecture() + " " + format(own.get().mean()) + " on "
          + language + ", nothing measured to compare with");
    }
    String evidence = language + ": " + rule.architecture() + " " + format(own.get().mean()) + " against "
        + String.join(", ", others) + (unmeasured.isEmpty() ? "" : "; not measured: " + String.join(", ", unmeasured));
    return new ClaimOutcome(highest ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, evidence);
  }

  private static ClaimOutcome everywhere(ClaimRule.Highest rule, ClaimData data) {
    List<String> evidence = new ArrayList<>();
    Verdict verdict = null;
    for (String language : data.languages(rule.architecture())) {
      ClaimOutcome one = highest(rule, language, data);
      if (one.verdict() == Verdict.NOT_MEASURED) {
        continue;
      }
      evidence.add(one.evidence());
      verdict = verdict == Verdict.DOES_NOT_HOLD || one.verdict() == Verdict.DOES_NOT_HOLD ? Verdict.DOES_NOT_HOLD
          : Verdict.HOLDS;
    }
    return verdict == null ? new ClaimOutcome(Verdict.NOT_MEASURED, "no language with " + rule.architecture()
        + " and another model measured") : new ClaimOutcome(verdict, String.join("; ", evidence));
  }

  private static ClaimOutcome atLeast(ClaimRule.AtLeast rule, ClaimData data) {
    List<String> below = new ArrayList<>();
    List<String> unmeasured = new ArrayList<>();
    java.util.Set<String> missing = new java.util.LinkedHashSet<>();
    int checked = 0;
    for (String language : rule.languages()) {
      for (String architecture : rule.architectures()) {
        for (Metric metric : rule.metrics()) {
          Optional<Reading> reading = data.read(language, architecture, "normal", metric, rule.aggregation());
          if (reading.isEmpty()) {
            missing.add(language + " " + architecture);
            continue;
          }
          if (reading.get().notMeasured()) {
            unmeasured.add(language + " " + architecture + " " + metric.key());
          } else {
            checked++;
            if (reading.get().mean() < rule.bound()) {
              below.add(language + " " + architecture + " " + metric.key() + " " + format(reading.get().mean()));
            }
          }
        }
      }
    }
    if (!below.isEmpty()) {
      return new ClaimOutcome(Verdict.DOES_NOT_HOLD, "below " + format(rule.bound()) + ": " + String.join(", ", below));
    }
    // a claim about every listed model holds only when every one of them was measured
    if (!unmeasured.isEmpty() || !missing.isEmpty()) {
      List<String> why = new ArrayList<>();
      if (!missing.isEmpty()) {
        why.add("no cell for " + String.join(", ", missing));
      }
      if (!unmeasured.isEmpty()) {
        why.add("no completion finished: " + String.join(", ", unmeasured));
      }
      return new ClaimOutcome(Verdict.NOT_MEASURED, String.join("; ", why));
    }
    return new ClaimOutcome(Verdict.HOLDS, checked + " values ≥ " + format(rule.bound()));
  }

  private static ClaimOutcome ordered(ClaimRule.Ordered rule, ClaimData data) {
    List<Double> values = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    for (String variant : rule.variants()) {
      Optional<Reading> value = data.read(rule.language(), "transformer", variant, rule.metric(), rule.aggregation());
      Optional<Reading> loss = data.read(rule.language(), "transformer", variant, Metric.TEST_LOSS, rule.aggregation());
      if (value.isEmpty() || loss.isEmpty()) {
        return new ClaimOutcome(Verdict.NOT_MEASURED, "no " + variant + " Transformer cell on " + rule.language());
      }
      if (value.get().notMeasured()) {
        return new ClaimOutcome(Verdict.NOT_MEASURED, variant + ": no completion finished");
      }
      values.add(value.get().mean());
      losses.add(loss.get().mean());
      evidence.add(variant + " " + format(value.get().mean()) + " (test loss " + String.format(Locale.ROOT, "%.4f",
          loss.get().mean()) + ")");
    }
    boolean increasing = true;
    for (int i = 1; i < values.size(); i++) {
      increasing &= values.get(i - 1) < values.get(i);
    }
    double lowest = losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double highestLoss = losses.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    boolean equalLoss = highestLoss <= lowest * (1 + rule.lossWithin());
    String text = String.join(" < ", evidence) + (equalLoss ? "" : String.format(Locale.ROOT,
        "; test losses differ by %.0f %%, more than %.0f %%", 100 * (highestLoss / lowest - 1), 100 * rule.lossWithin()));
    return new ClaimOutcome(increasing && equalLoss ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, text);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /**
   * A claim checked twice.
   *
   * @param runs its outcome on these runs
   * @param papers its outcome on the papers' published values
   */
  public record Checked(Claim claim, ClaimOutcome runs, ClaimOutcome papers) {}

  /** Every claim checked against these runs and against the papers' values, in file order. */
  public List<Checked> check(ClaimData runs, ClaimData papers) {
    Map<Claim, ClaimOutcome> ours = evaluate(runs);
    Map<Claim, ClaimOutcome> published = evaluate(papers);
    return claims.stream().map(claim -> new Checked(claim, ours.get(claim), published.get(claim))).toList();
  }

  /** What every report says about the claims, before the table. */
  public static final String INTRODUCTION = "Each claim of the papers checked against these runs and, for reference,"
      + " against the papers' published values (claims.txt in the reports module).";

  /** A Markdown section: each claim with its outcome on these runs and on the papers' values. */
  public static String markdown(List<Checked> checked) {
    StringBuilder text = new StringBuilder("### The papers' claims\n\n").append(INTRODUCTION).append("\n\n");
    text.append("| claim | paper | these runs | papers' values |\n|---|---|---|---|\n");
    for (Checked one : checked) {
      text.append("| ").append(escape(one.claim().statement())).append(" | ").append(one.claim().paper()).append(" | ")
          .append(cell(one.runs())).append(" | ").append(cell(one.papers())).append(" |\n");
    }
    return text.toString();
  }

  private static String cell(ClaimOutcome outcome) {
    return "**" + outcome.verdict().text() + "**: " + escape(outcome.evidence());
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
