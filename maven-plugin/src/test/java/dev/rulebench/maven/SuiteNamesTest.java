package dev.rulebench.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteNamesTest {

  private static boolean matches(String suites, String className) {
    return SuiteNames.patterns(suites).stream().anyMatch(className::matches);
  }

  @Test
  void aSimpleNameMatchesInAnyPackageAndAFullNameOnlyItself() {
    assertThat(matches("ANbNSuite", "com.example.ANbNSuite")).isTrue();
    assertThat(matches("ANbNSuite", "ANbNSuite")).isTrue();
    assertThat(matches("ANbNSuite", "com.example.ANbNSuiteTwo")).isFalse();
    assertThat(matches("ANbNSuite", "com.example.MyANbNSuite")).isFalse();
    assertThat(matches("com.example.ANbNSuite", "com.example.ANbNSuite")).isTrue();
    assertThat(matches("com.example.ANbNSuite", "org.example.ANbNSuite")).isFalse();
  }

  @Test
  void starsAreWildcardsAndOtherCharactersAreLiteral() {
    assertThat(matches("*MainTable*", "dev.rulebench.suites.MainTableTransformerSuite")).isTrue();
    assertThat(matches("dev.rulebench.suites.*", "dev.rulebench.suites.icml.CaseStudySuite")).isTrue();
    assertThat(matches("dev.rulebench.suites.*", "devXrulebench.suites.CaseStudySuite")).isFalse();
    assertThat(matches("A$B", "com.x.A$B")).isTrue();
  }

  @Test
  void entriesAreCommaSeparatedAndBlankMeansAll() {
    assertThat(SuiteNames.patterns(" A , ,B ")).hasSize(2);
    assertThat(SuiteNames.patterns("  ")).isEqualTo(List.of());
    assertThat(SuiteNames.patterns(null)).isEmpty();
  }
}
