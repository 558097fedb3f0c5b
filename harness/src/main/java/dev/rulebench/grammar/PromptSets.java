package dev.rulebench.grammar;

/** A language's in-distribution and out-of-distribution prompts. */
public record PromptSets(PromptSet id, PromptSet ood) {

  public PromptSets {
    if (id.kind() != PromptKind.ID || ood.kind() != PromptKind.OOD) {
      throw new IllegalArgumentException("prompt sets must be ID then OOD");
    }
  }

  public PromptSet get(PromptKind kind) {
    return kind == PromptKind.ID ? id : ood;
  }
}
