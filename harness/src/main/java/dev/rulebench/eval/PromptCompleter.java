package dev.rulebench.eval;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.TrainableModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validation's second half: completes the ID and OOD prompts with the model and scores the
 * completions ({@link CompletionEvaluator}). Prompts of equal length go to the model as one batch.
 */
public final class PromptCompleter {

  private final PromptSets prompts;
  private final CompletionEvaluator evaluator;

  public PromptCompleter(Language language, PromptSets prompts) {
    this.prompts = prompts;
    this.evaluator = new CompletionEvaluator(language);
  }

  /**
   * What one completion of the prompt sets gave.
   *
   * @param metrics the rule metrics (no test loss)
   * @param prompts the ID prompts, then the OOD prompts
   * @param completions the new tokens after each prompt, in that order
   * @param idCount how many of them are ID prompts
   */
  public record Completed(Metrics metrics, List<int[]> prompts, List<int[]> completions, int idCount) {}

  public Completed complete(TrainableModel model, DecodingOptions options) {
    List<int[]> all = new ArrayList<>(prompts.id().words());
    all.addAll(prompts.ood().words());
    Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      byLength.computeIfAbsent(all.get(i).length, k -> new ArrayList<>()).add(i);
    }
    int[][] completions = new int[all.size()][];
    for (List<Integer> group : byLength.values()) {
      int[][] batch = group.stream().map(i -> Vocabulary.prompt(all.get(i))).toArray(int[][]::new);
      int[][] out = model.complete(batch, options);
      for (int g = 0; g < group.size(); g++) {
        completions[group.get(g)] = out[g];
      }
    }
    int ids = prompts.id().size();
    List<int[]> completed = List.of(completions);
    Metrics metrics = evaluator.evaluate(prompts, completed.subList(0, ids), completed.subList(ids, all.size()));
    return new Completed(metrics, List.copyOf(all), completed, ids);
  }
}
