package dev.rulebench.grammar;

/** The extra supervision of the ICML aⁿbⁿ case study (SPEC §2.1). */
public enum CompletionTarget {
  /** Completions that deliberately break R1 on OOD prompts. */
  ADVERSARIAL,
  /** Completions that satisfy R1 on OOD prompts. */
  ORACLE
}
