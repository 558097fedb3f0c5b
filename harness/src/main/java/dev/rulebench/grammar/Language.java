package dev.rulebench.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A formal language defined by two rules: the service interface for built-in and user languages.
 *
 * <p>R1 is the rule to extrapolate; R2 is the rule the OOD prompts break. Implementations are found
 * through {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.rulebench.grammar.Language}) and must have a public no-argument
 * constructor. Words are token ids without SOS and EOS (see {@link Vocabulary}).
 */
public interface Language {

  /** The name suites and the command line use, e.g. {@code aNbN}. */
  String name();

  /** The paper's label, e.g. {@code aⁿbⁿ}. */
  String displayName();

  ChomskyClass chomskyClass();

  Vocabulary vocabulary();

  /** R1, the rule to extrapolate. */
  Rule r1();

  /** R2, the rule the OOD prompts break. */
  Rule r2();

  /** Full membership ("grammatical"). */
  boolean isMember(int[] word);

  /**
   * R2 judged on an OOD completion (SPEC §1.5, "OOD R2 completion"): whether the model continued a
   * prompt that broke R2 in a way that is itself consistent with R2.
   *
   * @param promptWord the prompt without SOS
   * @param completionWord the completion cut before its first EOS
   */
  boolean completionKeepsR2(int[] promptWord, int[] completionWord);

  /** The data sizes of the papers' protocol. */
  DataSpec paperData();

  /** How many training words {@link #generate} returns for a spec. */
  default int trainingSize(DataSpec spec) {
    return spec.trainSize();
  }

  /** One word drawn from the language's generator (n uniform for aⁿbⁿ and aⁿbⁿcⁿ). */
  int[] sample(int maxLength, RandomGenerator random);

  /**
   * The probability that {@link #sample}{@code (maxLength, ·)} returns this word, or NaN when the
   * language does not say (the default). With it, {@link #wordEntropy} and so the lowest test loss
   * possible come for free at short lengths.
   */
  default double probability(int[] word, int maxLength) {
    return Double.NaN;
  }

  /**
   * The entropy H(W), in nats, of the words {@link #sample}{@code (maxLength, ·)} returns: what a
   * perfect model pays per word, from which {@link dev.rulebench.eval.Optimum} derives the lowest
   * test loss possible. By default −Σ p ln p over every word up to maxLength from
   * {@link #probability} (exact, for small alphabets and lengths only); NaN when unknown. The
   * built-in languages compute it exactly at any length.
   */
  default double wordEntropy(int maxLength) {
    return dev.rulebench.eval.Optimum.entropyByEnumeration(this, maxLength);
  }

  /**
   * Training and validation words: by default {@code trainSize} then {@code validationSize}
   * independent draws of {@link #sample}.
   */
  default TrainingData generate(DataSpec spec, RandomGenerator random) {
    List<int[]> train = new ArrayList<>(spec.trainSize());
    for (int i = 0; i < spec.trainSize(); i++) {
      train.add(sample(spec.maxLength(), random));
    }
    List<int[]> validation = new ArrayList<>(spec.validationSize());
    for (int i = 0; i < spec.validationSize(); i++) {
      validation.add(sample(spec.maxLength(), random));
    }
    return new TrainingData(train, validation);
  }

  /**
   * The ID and OOD prompt sets (SPEC §1.3), drawn together because some languages build both from
   * the same random words.
   */
  PromptSets prompts(RandomGenerator random);

  ChanceLevels chanceLevels();

  /**
   * Departures from the default training protocol that the papers used for this language, as
   * {@code @Training} keys (e.g. bⁿa^{2m} trains 5000 epochs and validates every 100).
   */
  default Map<String, String> paperTrainingOverrides() {
    return Map.of();
  }

  /**
   * The supervised completion of an OOD prompt for the ICML case study (SPEC §2.1): the symbols to
   * append (EOS excluded), or empty if this language does not define the variant.
   */
  default Optional<int[]> supervisedCompletion(CompletionTarget target, int[] promptWord) {
    return Optional.empty();
  }
}
