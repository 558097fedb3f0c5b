package dev.rulebench.models.tf;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.config.ConfigException;
import dev.rulebench.model.ModelArchitectures;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A hyperparameter out of range is refused when the configuration is resolved (at discovery and
 * by the command line), with the key, the value and the rule, never later inside TensorFlow.
 */
class ConfigRangesTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "lstm        | layers=0           | value '0' of 'layers' for architecture lstm is out of range: it must be ≥ 1",
      "lstm        | hidden=-4          | value '-4' of 'hidden' for architecture lstm is out of range: it must be ≥ 1",
      "lstm        | dropout=2          | value '2' of 'dropout' for architecture lstm is out of range: it must be in [0, 1)",
      "transformer | heads=3            | dModel (10) must be a multiple of heads (3)",
      "transformer | dropout=-0.1       | it must be in [0, 1)",
      "linear      | embedding=0        | it must be ≥ 1",
      "mamba       | dtMin=0.5          | dtMin (0.5) must not exceed dtMax (0.1)",
      "mamba       | dState=0           | it must be ≥ 1",
      "xlstm       | mlstmHeads=3       | a multiple of mlstmHeads (3)",
      "xlstm       | slstmAt=9          | slstmAt must list block indices below 6",
      "xlstm       | ffnActivation=cube | cube",
  })
  void anOutOfRangeValueIsRefusedWithTheRule(String architecture, String override, String message) {
    String[] keyValue = override.split("=", 2);
    assertThatThrownBy(() -> ModelArchitectures.load().get(architecture).configWith(Map.of(keyValue[0], keyValue[1])))
        .isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"linear", "lstm", "transformer", "mamba", "xlstm"})
  void theDefaultsAreInRange(String architecture) {
    assertThatCode(() -> ModelArchitectures.load().get(architecture).configWith(Map.of())).doesNotThrowAnyException();
  }
}
