package dev.rulebench.grammar;

import java.util.List;

/**
 * Prompts of one kind, as words (token ids without SOS); models are fed SOS + word.
 *
 * @param kind ID or OOD
 * @param words the prompts, in a fixed order; random sets may hold duplicates, as the reference's do
 */
public record PromptSet(PromptKind kind, List<int[]> words) {

  public PromptSet {
    words = List.copyOf(words);
  }

  public int size() {
    return words.size();
  }
}
