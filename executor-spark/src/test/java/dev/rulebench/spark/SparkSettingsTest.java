package dev.rulebench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {

  @Test
  void withoutSettingsSparkRunsEmbeddedOnAllCores() {
    SparkSettings settings = SparkSettings.from(Map.of());
    assertThat(settings.master()).isEqualTo("local[*]");
    assertThat(settings.embedded()).isTrue();
    assertThat(settings.registrationTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.javacppCacheDir()).isEmpty();
    assertThat(settings.toSparkConf().get("spark.app.name")).isEqualTo("RuleBench");
  }

  @Test
  void rulebenchSparkKeysReachSparkWithoutThePrefixAndOtherKeysDoNot() {
    SparkSettings settings = SparkSettings.from(Map.of(
        "rulebench.spark.master", " spark://10.0.0.5:7077 ",
        "rulebench.spark.executor.memory", "4g",
        "rulebench.spark.app.name", "paper table 2",
        "rulebench.scale", "smoke",
        "spark.executor.cores", "8"));
    SparkConf conf = settings.toSparkConf();
    assertThat(settings.master()).isEqualTo("spark://10.0.0.5:7077");
    assertThat(settings.embedded()).isFalse();
    assertThat(conf.get("spark.master")).isEqualTo("spark://10.0.0.5:7077");
    assertThat(conf.get("spark.executor.memory")).isEqualTo("4g");
    assertThat(conf.get("spark.app.name")).isEqualTo("paper table 2");
    assertThat(conf.contains("spark.scale")).isFalse();
    assertThat(conf.contains("spark.executor.cores")).as("only rulebench.* keys count").isFalse();
  }

  @Test
  void theJavacppCacheJoinsTheExecutorsJavaOptions() {
    SparkConf conf = SparkSettings.from(Map.of(
        "rulebench.spark.executor.extraJavaOptions", "-XX:+UseG1GC",
        SparkSettings.JAVACPP_CACHE_DIR, "/var/cache/javacpp")).toSparkConf();
    assertThat(conf.get("spark.executor.extraJavaOptions"))
        .isEqualTo("-XX:+UseG1GC -Dorg.bytedeco.javacpp.cachedir=/var/cache/javacpp");
    SparkConf spaced = SparkSettings.from(Map.of(SparkSettings.JAVACPP_CACHE_DIR, "/opt/java cpp")).toSparkConf();
    assertThat(spaced.get("spark.executor.extraJavaOptions")).isEqualTo("\"-Dorg.bytedeco.javacpp.cachedir=/opt/java cpp\"");
  }

  @Test
  void aTimeoutThatIsNotAPositiveWholeNumberIsRejectedWithTheFix() {
    assertThat(SparkSettings.from(Map.of(SparkSettings.REGISTRATION_TIMEOUT, "5")).registrationTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    for (String bad : new String[] {"0", "-3", "ten", "5s"}) {
      assertThatThrownBy(() -> SparkSettings.from(Map.of(SparkSettings.REGISTRATION_TIMEOUT, bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessage("rulebench.executor.spark.registrationTimeout='" + bad
              + "' is not a positive whole number; set it to e.g. 60");
    }
  }

  @Test
  void capacityIsTheLocalThreadCountEmbeddedAndGenerousOnAClusterUnlessSet() {
    assertThat(SparkSettings.from(Map.of("rulebench.spark.master", "local")).capacity()).isEqualTo(1);
    assertThat(SparkSettings.from(Map.of("rulebench.spark.master", "local[3]")).capacity()).isEqualTo(3);
    assertThat(SparkSettings.from(Map.of("rulebench.spark.master", "local[2,4]")).capacity()).isEqualTo(2);
    assertThat(SparkSettings.from(Map.of()).capacity()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(SparkSettings.from(Map.of("rulebench.spark.master", "spark://h:7077")).capacity())
        .isEqualTo(SparkSettings.DEFAULT_CLUSTER_CAPACITY);
    assertThat(SparkSettings.from(Map.of("rulebench.spark.master", "spark://h:7077", SparkSettings.CAPACITY, "12"))
        .capacity()).isEqualTo(12);
    assertThatThrownBy(() -> SparkSettings.from(Map.of(SparkSettings.CAPACITY, "none")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("rulebench.executor.spark.capacity='none' is not a positive whole number");
  }
}
