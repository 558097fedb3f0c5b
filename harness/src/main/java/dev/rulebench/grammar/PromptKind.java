package dev.rulebench.grammar;

/** The two prompt sets of SPEC §1.3. */
public enum PromptKind {
  /** In distribution: the prompt can still be completed to a word of the language. */
  ID,
  /** Out of distribution: the prompt breaks R2, the rule the model cannot satisfy any more. */
  OOD
}
