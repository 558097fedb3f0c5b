package dev.rulebench.reports.reference;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How RuleBench's architecture names appear as model names in the papers' tables. */
public final class ReferenceModels {

  private static final Map<String, String> PAPER_NAMES = Map.of(
      "linear", "Linear",
      "lstm", "LSTM",
      "transformer", "Transformer",
      "mamba", "Mamba",
      "xlstm", "xLSTM");

  private ReferenceModels() {}

  /** The main table's model name for an architecture, e.g. {@code xlstm} → {@code xLSTM}. */
  public static Optional<String> paperName(String architecture) {
    return Optional.ofNullable(PAPER_NAMES.get(architecture.toLowerCase(Locale.ROOT)));
  }

  /** The paper's name where there is one, otherwise the architecture's own name. */
  public static String displayName(String architecture) {
    return paperName(architecture).orElse(architecture);
  }
}
