package dev.rulebench.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.config.ConfigException;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Languages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a user states wins over the scale's defaults; the scales parse and name themselves. */
class ScaleTest {

  private final Language anbn = Languages.load().get("aNbN");
  private final int words = anbn.trainingSize(Scale.SMOKE.data(anbn));

  @Test
  void epochsAloneLiftTheScalesStepBudget() {
    TrainingConfig config = Scale.SMOKE.training(anbn, words, Map.of("epochs", "120"));
    assertThat(config.epochs()).isEqualTo(120);
    assertThat(config.maxSteps()).isZero();
  }

  @Test
  void maxStepsAloneRaiseTheScalesEpochsToCoverThem() {
    TrainingConfig config = Scale.SMOKE.training(anbn, words, Map.of("maxSteps", "120"));
    assertThat(config.maxSteps()).isEqualTo(120);
    // aⁿbⁿ at smoke: 8 words, one batch, one step per epoch
    assertThat(config.epochs()).isEqualTo(120);
  }

  @Test
  void bothStatedAreTakenAsStated() {
    TrainingConfig config = Scale.SMOKE.training(anbn, words, Map.of("epochs", "120", "maxSteps", "30"));
    assertThat(config.epochs()).isEqualTo(120);
    assertThat(config.maxSteps()).isEqualTo(30);
  }

  @Test
  void aStatedBatchSizeGetsTheScalesStepsAndValidationSpacing() {
    Language ban = Languages.load().get("baN");
    int words = ban.trainingSize(Scale.QUICK.data(ban));
    TrainingConfig config = Scale.QUICK.training(ban, words, Map.of("batchSize", "128"));
    int stepsPerEpoch = (words + 127) / 128;
    assertThat(config.maxSteps()).isEqualTo(1000);
    assertThat((long) config.epochs() * stepsPerEpoch).isGreaterThanOrEqualTo(1000);
    assertThat(config.validationInterval() * stepsPerEpoch).isBetween(50, 150);
  }

  @Test
  void statingNoEarlyStoppingTurnsTrainingUntilConvergedOff() {
    int words = anbn.trainingSize(Scale.REDUCED.data(anbn));
    TrainingConfig config = Scale.REDUCED.training(anbn, words, Map.of("patience", "0"));
    assertThat(config.stopWhenConverged()).isFalse();
    assertThatThrownBy(() -> Scale.REDUCED.training(anbn, words, Map.of("patience", "0", "stopWhenConverged", "true")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("needs patience ≥ 1");
  }

  @Test
  void reducedTrainsUntilConvergedWithPatienceAndACap() {
    TrainingConfig config = Scale.parse("reduced").training(anbn, anbn.trainingSize(Scale.REDUCED.data(anbn)));
    assertThat(config.stopWhenConverged()).isTrue();
    assertThat(config.convergedWithin()).isEqualTo(0.01);
    assertThat(config.patience()).isPositive();
    assertThat(config.maxSteps()).isPositive();
    assertThat(Scale.REDUCED.data(anbn).maxLength()).isEqualTo(16);
    // short words repeat: a converging scale gives every sampled language at least 15 000 of them
    assertThat(Scale.REDUCED.data(Languages.load().get("dyck")).trainSize()).isEqualTo(15_000);
    assertThat(Scale.QUICK.data(Languages.load().get("dyck")).trainSize()).isEqualTo(512);
    assertThatThrownBy(() -> Scale.parse("huge")).isInstanceOf(ConfigException.class)
        .hasMessage("unknown scale 'huge'; known: smoke, quick, ci, reduced, paper");
  }

  @Test
  void ciTrainsAFixedBudgetOnShortWordsWithoutStoppingEarly() {
    TrainingConfig config = Scale.parse("ci").training(anbn, anbn.trainingSize(Scale.CI.data(anbn)));
    assertThat(config.maxSteps()).isEqualTo(1500);
    assertThat(config.stopWhenConverged()).isFalse();
    assertThat(config.patience()).isZero();
    assertThat(Scale.CI.data(anbn).maxLength()).isEqualTo(16);
    assertThat(Scale.CI.data(Languages.load().get("dyck")).trainSize()).isEqualTo(512);
  }
}
