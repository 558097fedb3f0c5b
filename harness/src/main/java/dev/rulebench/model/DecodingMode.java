package dev.rulebench.model;

/** How the next token is picked from the logits (SPEC §1.4). */
public enum DecodingMode {
  /** Argmax: the papers' main tables. */
  GREEDY,
  /** Multinomial sampling from softmax(logits / temperature). */
  SAMPLE
}
