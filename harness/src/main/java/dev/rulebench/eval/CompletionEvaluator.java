package dev.rulebench.eval;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.grammar.Words;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Rule metrics from prompts and a model's completions (SPEC §1.5).
 *
 * <p>Only finished completions (those that emitted EOS) count, each cut at its first EOS; a prompt
 * set with no finished completion has every rule metric not measured (null), where the reference logs 0. The finished
 * fraction is over all completions.
 */
public final class CompletionEvaluator {

  private final Language language;

  public CompletionEvaluator(Language language) {
    this.language = language;
  }

  /**
   * @param idCompletions the new tokens after each ID prompt, in prompt order
   * @param oodCompletions the new tokens after each OOD prompt, in prompt order
   */
  public Metrics evaluate(PromptSets prompts, List<int[]> idCompletions, List<int[]> oodCompletions) {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    PromptSet id = prompts.id();
    values.put(Metric.ID_R1, accuracy(id, idCompletions, (p, c) -> language.r1().holds(Words.concat(p, c))));
    values.put(Metric.ID_R2, accuracy(id, idCompletions, (p, c) -> language.r2().holds(Words.concat(p, c))));
    values.put(Metric.ID_GRAMMATICAL, accuracy(id, idCompletions, (p, c) -> language.isMember(Words.concat(p, c))));
    values.put(Metric.ID_FINISHED, finishedFraction(idCompletions));
    PromptSet ood = prompts.ood();
    values.put(Metric.OOD_R1, accuracy(ood, oodCompletions, (p, c) -> language.r1().holds(Words.concat(p, c))));
    values.put(Metric.OOD_R2, accuracy(ood, oodCompletions, (p, c) -> language.r2().holds(Words.concat(p, c))));
    values.put(Metric.OOD_R2_COMPLETION, accuracy(ood, oodCompletions, language::completionKeepsR2));
    values.put(Metric.OOD_FINISHED, finishedFraction(oodCompletions));
    return Metrics.of(values);
  }

  /** The fraction of finished completions that satisfy the predicate; null (not measured) when none finished. */
  private static Double accuracy(PromptSet prompts, List<int[]> completions, BiPredicate<int[], int[]> predicate) {
    if (completions.size() != prompts.size()) {
      throw new IllegalArgumentException(prompts.kind() + ": " + completions.size()
          + " completions for " + prompts.size() + " prompts");
    }
    int finished = 0;
    int holding = 0;
    for (int i = 0; i < completions.size(); i++) {
      int[] completion = completions.get(i);
      int eos = Words.firstIndex(completion, Vocabulary.EOS);
      if (eos < 0) {
        continue;
      }
      finished++;
      if (predicate.test(prompts.words().get(i), Arrays.copyOf(completion, eos))) {
        holding++;
      }
    }
    return finished == 0 ? null : (double) holding / finished;
  }

  private static double finishedFraction(List<int[]> completions) {
    if (completions.isEmpty()) {
      return 0.0;
    }
    long finished = completions.stream().filter(c -> Words.firstIndex(c, Vocabulary.EOS) >= 0).count();
    return (double) finished / completions.size();
  }
}
