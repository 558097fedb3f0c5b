package dev.rulebench.api;

/**
 * How many prompts a run completed at each validation: what one prompt is worth in a finished
 * fraction or a rule metric (a baseline's granularity).
 *
 * @param id in-distribution prompts
 * @param ood out-of-distribution prompts
 */
public record PromptCounts(int id, int ood) {

  public PromptCounts {
    if (id < 0 || ood < 0) {
      throw new IllegalArgumentException("prompt counts cannot be negative: " + id + ", " + ood);
    }
  }
}
