package dev.rulebench.eval;

import java.util.Arrays;
import java.util.Optional;

/** The quantities a run reports, with the key used in result files, tables and baselines. */
public enum Metric {
  TEST_LOSS("test_loss", "test loss", false),
  ID_R1("id_r1", "ID R1", true),
  ID_R2("id_r2", "ID R2", true),
  ID_GRAMMATICAL("id_grammatical", "ID grammatical", true),
  ID_FINISHED("id_finished", "ID finished", true),
  OOD_R1("ood_r1", "OOD R1 (rule extrapolation)", true),
  OOD_R2("ood_r2", "OOD R2", true),
  OOD_R2_COMPLETION("ood_r2_completion", "OOD R2 completion", true),
  OOD_FINISHED("ood_finished", "OOD finished", true);

  private final String key;
  private final String label;
  private final boolean accuracy;

  Metric(String key, String label, boolean accuracy) {
    this.key = key;
    this.label = label;
    this.accuracy = accuracy;
  }

  /** The key in result files, e.g. {@code ood_r1}. */
  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  /**
   * The finished fraction a rule metric is measured on: a rule metric is a fraction of the prompts
   * whose completion finished (emitted EOS), so with none finished it is not measured at all.
   */
  public Optional<Metric> finishedBy() {
    return switch (this) {
      case ID_R1, ID_R2, ID_GRAMMATICAL -> Optional.of(ID_FINISHED);
      case OOD_R1, OOD_R2, OOD_R2_COMPLETION -> Optional.of(OOD_FINISHED);
      default -> Optional.empty();
    };
  }

  /** "ID" or "OOD": the prompt set a rule metric is measured on; empty for the others. */
  public String promptSet() {
    return finishedBy().map(finished -> finished == ID_FINISHED ? "ID" : "OOD").orElse("");
  }

  /** Accuracies are fractions where higher is better; the loss is lower-is-better. */
  public boolean isAccuracy() {
    return accuracy;
  }

  public static Optional<Metric> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }
}
