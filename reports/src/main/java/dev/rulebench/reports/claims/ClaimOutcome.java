package dev.rulebench.reports.claims;

/**
 * A claim checked against one set of values.
 *
 * @param verdict holds, does not hold, or not measured (a value it needs is missing, or none of
 *     its completions finished)
 * @param evidence the numbers behind the verdict
 */
public record ClaimOutcome(Verdict verdict, String evidence) {

  public enum Verdict {
    HOLDS("holds"),
    DOES_NOT_HOLD("does not hold"),
    NOT_MEASURED("not measured");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  @Override
  public String toString() {
    return verdict.text() + ": " + evidence;
  }
}
