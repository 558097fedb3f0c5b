package dev.rulebench.bench;

import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Languages;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.model.DecodingOptions;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelArchitectures;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TokenBatch;
import dev.rulebench.models.tf.GraphModel;
import dev.rulebench.spi.RandomStreams;
import dev.rulebench.train.BatchBuilder;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the benchmarks time, built through the harness exactly as a run builds it: aⁿbⁿ's training
 * words at a scale, one batch of 128 words padded to the full length with PAD in the loss (the
 * papers' loss, so paper scale is 128 × 257 input positions), the model of an architecture at its
 * paper configuration, and aⁿbⁿ's 256 ID and OOD prompts for the reference evaluation.
 *
 * @param architecture the architecture's name
 * @param scale paper or quick
 * @param spec what the model is built from
 * @param batch one training batch
 * @param prompts the 256 prompts (SOS + 8 symbols)
 * @param budget new tokens per prompt: the reference's 300 at paper scale, the scale's budget below
 */
public record Workload(ModelArchitecture architecture, Scale scale, ModelSpec spec, TokenBatch batch,
    int[][] prompts, int budget) {

  public static final String LANGUAGE = "aNbN";
  public static final long SEED = 1;

  /** The aⁿbⁿ workload of an architecture at a scale ({@code paper} or {@code quick}), with hyperparameter overrides. */
  public static Workload of(String architectureName, String scaleName, Map<String, String> overrides) {
    return of(LANGUAGE, architectureName, scaleName, overrides);
  }

  /** The workload of an architecture on a language's words at a scale. */
  public static Workload of(String languageName, String architectureName, String scaleName,
      Map<String, String> overrides) {
    Language language = Languages.load().get(languageName);
    Scale scale = Scale.parse(scaleName);
    DataSpec data = scale.data(language);
    TrainingConfig training = scale.training(language, language.trainingSize(data));
    ModelArchitecture architecture = ModelArchitectures.load().get(architectureName);
    ModelSpec spec = new ModelSpec(architectureName,
        architecture.defaultConfig().withOverrides(overrides, "architecture " + architectureName),
        language.vocabulary().size(), data.sequenceLength() - 1, training.optimizer(), SEED, "cpu", false, 0);

    List<int[]> words = language.generate(data, RandomStreams.random(SEED, "data")).train();
    List<int[]> batchWords = new ArrayList<>();
    for (int i = 0; i < training.batchSize(); i++) {
      batchWords.add(words.get(i % words.size()));
    }
    TokenBatch batch = new BatchBuilder(data.sequenceLength(), true).batch(batchWords);

    PromptSets sets = language.prompts(RandomStreams.random(SEED, "prompts"));
    List<int[]> all = new ArrayList<>(sets.id().words());
    all.addAll(sets.ood().words());
    int[][] prompts = all.stream().map(Vocabulary::prompt).toArray(int[][]::new);
    int budget = scale == Scale.PAPER ? DecodingOptions.REFERENCE_BUDGET : training.maxNewTokens();
    return new Workload(architecture, scale, spec, batch, prompts, budget);
  }

  /** A fresh model of this workload (TensorFlow's graph model, which can also decode the full budget). */
  public GraphModel newModel() {
    return (GraphModel) architecture.create(spec);
  }

  /** Every prompt continued for the whole budget, EOS or not, as the reference's generation does. */
  public int[][] evaluate(GraphModel model) {
    return model.completeFullBudget(prompts, DecodingOptions.greedy(budget));
  }

  /** {@code transformer at paper scale: batch 128 × 257 positions, 256 prompts × 300 new tokens}. */
  public String describe() {
    return String.format(Locale.ROOT, "%s at %s scale: batch %d × %d positions, %d prompts × %d new tokens",
        spec.architecture(), scale.key(), batch.rows(), batch.length() - 1, prompts.length, budget);
  }
}
