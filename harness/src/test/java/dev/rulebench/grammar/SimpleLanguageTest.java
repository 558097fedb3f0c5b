package dev.rulebench.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rulebench.engine.examples.ANb2N;
import dev.rulebench.engine.examples.ANb2NSuite;
import dev.rulebench.eval.Optimum;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A language from its alphabet, two rules and a generator: the rest is derived. */
class SimpleLanguageTest {

  private final Language language = new ANb2N();

  @Test
  void theIdPromptsCanBeCompletedAndTheOodPromptsBreakR2() {
    PromptSets prompts = language.prompts(new SplittableRandom(3));
    Vocabulary v = language.vocabulary();
    assertThat(prompts.id().words()).extracting(v::decode)
        .containsExactly("aaaaaaaa", "aaaaaaab", "aaaaaabb", "aaaaabbb", "aaaabbbb", "aaabbbbb");
    assertThat(prompts.ood().words()).isNotEmpty().hasSizeLessThanOrEqualTo(SimpleLanguage.MOST_PROMPTS)
        .allSatisfy(word -> assertThat(language.r2().holds(word)).isFalse());
  }

  @Test
  void membershipTheRulesAndTheGeneratorAgree() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      int[] word = language.sample(30, random);
      assertThat(language.isMember(word)).isTrue();
      assertThat(word.length).isLessThanOrEqualTo(30);
    }
    assertThat(language.isMember(language.vocabulary().encode("abbab"))).isFalse();
    assertThat(language.completionKeepsR2(language.vocabulary().encode("ba"), language.vocabulary().encode("abb")))
        .isTrue();
  }

  @Test
  void chanceLevelsAndTheOptimumAreDerived() {
    ChanceLevels chance = language.chanceLevels();
    assertThat(chance.oodR1()).isBetween(0.0, 1.0);
    assertThat(chance.oodR2Completion()).isBetween(0.01, 1.0);
    assertThat(language.chanceLevels()).isSameAs(chance);
    // n uniform in 1…5 at 16 symbols: ln 5 per word, 17 targets
    assertThat(Optimum.testLoss(language, 16, 18, true)).isCloseTo(Math.log(5) / 17, within(1e-12));
  }

  @Test
  void itRunsInASuite(@TempDir Path folder) {
    EngineTestKit.engine("rulebench").enableImplicitConfigurationParameters(false)
        .configurationParameter("rulebench.output.dir", folder.resolve("out").toString())
        .configurationParameter("rulebench.cache.dir", folder.resolve("cache").toString())
        .configurationParameter("rulebench.progress", "false")
        .selectors(selectClass(ANb2NSuite.class)).execute()
        .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }
}
