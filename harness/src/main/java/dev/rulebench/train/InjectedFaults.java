package dev.rulebench.train;

import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.model.DecodingMode;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.InjectedFault;

/**
 * Where the trainer and the evaluation apply the {@link InjectedFault}s that are theirs (the model's
 * own are applied by its implementation). Each method returns its input unchanged unless its fault
 * is the one turned on.
 */
final class InjectedFaults {

  private InjectedFaults() {}

  /** {@link InjectedFault#LEARNING_RATE_TIMES_10}, {@link InjectedFault#LEARNING_RATE_TIMES_0_1}. */
  static double learningRate(double rate) {
    return InjectedFault.active().map(fault -> switch (fault) {
      case LEARNING_RATE_TIMES_10 -> rate * 10;
      case LEARNING_RATE_TIMES_0_1 -> rate * 0.1;
      default -> rate;
    }).orElse(rate);
  }

  /** {@link InjectedFault#OOD_PROMPTS_ARE_ID}. */
  static PromptSets prompts(PromptSets prompts) {
    return InjectedFault.OOD_PROMPTS_ARE_ID.isActive()
        ? new PromptSets(prompts.id(), new PromptSet(PromptKind.OOD, prompts.id().words())) : prompts;
  }

  /** {@link InjectedFault#SAMPLED_DECODING}. */
  static DecodingOptions decoding(DecodingOptions options) {
    return InjectedFault.SAMPLED_DECODING.isActive()
        ? new DecodingOptions(DecodingMode.SAMPLE, 1.0, options.maxNewTokens(), options.seed()) : options;
  }
}
