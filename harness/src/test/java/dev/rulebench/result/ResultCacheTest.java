package dev.rulebench.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.api.RunResult;
import dev.rulebench.testing.TestRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {

  private static RunResult result;

  @TempDir
  Path folder;

  @BeforeAll
  static void train() {
    result = TestRuns.train(3);
  }

  @Test
  void aStoredResultComesBackEqual() {
    ResultCache cache = new ResultCache(folder);
    assertThat(cache.lookup(result.cacheKey())).isEqualTo(new CacheLookup.Miss());

    cache.store(result);

    assertThat(cache.lookup(result.cacheKey())).isEqualTo(new CacheLookup.Hit(result));
    assertThat(cache.entry(result.cacheKey())).startsWith(folder.resolve("results"));
  }

  @Test
  void anEntryWithoutItsHeaderIsCorruptAndDeleted() throws IOException {
    ResultCache cache = new ResultCache(folder);
    cache.store(result);
    Path entry = cache.entry(result.cacheKey());
    String text = Files.readString(entry, StandardCharsets.UTF_8);
    Files.writeString(entry, text.substring(text.indexOf('\n') + 1));

    assertThat(cache.lookup(result.cacheKey())).isInstanceOfSatisfying(CacheLookup.Corrupt.class,
        corrupt -> assertThat(corrupt.problem()).contains("its header is not"));
    assertThat(entry).doesNotExist();
    assertThat(cache.lookup(result.cacheKey())).isEqualTo(new CacheLookup.Miss());
  }

  @Test
  void anEntryFiledUnderAnotherKeyIsCorrupt() throws IOException {
    ResultCache cache = new ResultCache(folder);
    cache.store(result);
    String otherKey = "ab" + result.cacheKey().substring(2);
    Path misplaced = cache.entry(otherKey);
    Files.createDirectories(misplaced.getParent());
    Files.copy(cache.entry(result.cacheKey()), misplaced);

    assertThat(cache.lookup(otherKey)).isInstanceOfSatisfying(CacheLookup.Corrupt.class,
        corrupt -> assertThat(corrupt.problem()).contains("it holds the result of key " + result.cacheKey()));
  }

  @Test
  void theKeyChangesWithEveryIngredientButTheSuite() {
    var base = TestRuns.trial(1);
    assertThat(TestRuns.trial(2).cacheKey()).isNotEqualTo(base.cacheKey());
    assertThat(base.cacheKey()).isEqualTo(TestRuns.trial(1).cacheKey());
    var otherSuite = new dev.rulebench.trial.Trial("another suite", base.language(), base.languageClass(),
        base.architecture(), base.architectureClass(), base.computation(), base.modelConfig(), base.training(),
        base.data(), base.scale(), base.seed(), base.device());
    assertThat(otherSuite.cacheKey()).isEqualTo(base.cacheKey());
    // another way of computing the same architecture (a kernel for an op graph) is another run, in the same cell
    var otherComputation = new dev.rulebench.trial.Trial(base.suite(), base.language(), base.languageClass(),
        base.architecture(), base.architectureClass(), "a native kernel", base.modelConfig(), base.training(),
        base.data(), base.scale(), base.seed(), base.device());
    assertThat(otherComputation.cacheKey()).isNotEqualTo(base.cacheKey());
    assertThat(otherComputation.configHash()).isEqualTo(base.configHash());
  }

  @Test
  void theDefaultFolderIsOutsideTheBuild() {
    assertThat(ResultCache.defaultDirectory().toString()).endsWith("rulebench").doesNotContain("target");
  }
}
