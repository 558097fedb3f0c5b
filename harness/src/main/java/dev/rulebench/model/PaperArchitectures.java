package dev.rulebench.model;

import java.util.List;

/**
 * The names of the papers' five architectures. A suite may name one whose implementation is not on
 * the class path yet (Mamba and xLSTM arrive later than the other three): discovery then warns and
 * that cell's runs abort with the reason, while a name outside this list is a typo and an error.
 */
public final class PaperArchitectures {

  private PaperArchitectures() {}

  /** In the order of the papers' tables. */
  public static final List<String> NAMES = List.of("linear", "lstm", "transformer", "mamba", "xlstm");

  /** What to do when one of them is missing. */
  public static final String FIX = "use a dev.rulebench:rulebench-models-tf version that provides it, or register"
      + " your own implementation in META-INF/services/dev.rulebench.model.ModelArchitecture, or leave that"
      + " @Architecture out";
}
