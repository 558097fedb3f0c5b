package dev.rulebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static final String KEY = "rulebench.test.settingsTest";

  @AfterEach
  void reset() {
    Settings.install(Map.of());
    System.clearProperty(KEY);
  }

  @Test
  void anInstalledParameterWinsOverTheSystemPropertyWhichIsTheFallback() {
    System.setProperty(KEY, "from the system");
    assertThat(Settings.get(KEY)).contains("from the system");
    Settings.install(Map.of(KEY, "from the engine"));
    assertThat(Settings.get(KEY)).contains("from the engine");
    Settings.install(Map.of());
    assertThat(Settings.get(KEY)).contains("from the system");
  }

  @Test
  void blankIsUnsetAndTypedValuesAreChecked() {
    Settings.install(Map.of(KEY, " "));
    assertThat(Settings.get(KEY)).isEmpty();
    assertThat(Settings.integer(KEY, 7)).isEqualTo(7);
    assertThat(Settings.bool(KEY, true)).isTrue();

    Settings.install(Map.of(KEY, " 3 "));
    assertThat(Settings.integer(KEY, 7)).isEqualTo(3);
    Settings.install(Map.of(KEY, "FALSE"));
    assertThat(Settings.bool(KEY, true)).isFalse();

    Settings.install(Map.of(KEY, "three"));
    assertThatThrownBy(() -> Settings.integer(KEY, 7)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(KEY + "=three is not a whole number");
    Settings.install(Map.of(KEY, "yes"));
    assertThatThrownBy(() -> Settings.bool(KEY, true)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(KEY + "=yes is not true or false");
  }
}
