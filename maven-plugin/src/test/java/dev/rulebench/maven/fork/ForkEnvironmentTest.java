package dev.rulebench.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForkEnvironmentTest {

  @Test
  void tensorFlowsInfoLinesAreSilencedUnlessTheUserSetALevel() {
    Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin"));
    ForkedJvm.quietTensorFlow(environment);
    assertThat(environment).containsEntry("TF_CPP_MIN_LOG_LEVEL", "2").containsEntry("PATH", "/usr/bin");

    Map<String, String> users = new HashMap<>(Map.of("TF_CPP_MIN_LOG_LEVEL", "0"));
    ForkedJvm.quietTensorFlow(users);
    assertThat(users).containsEntry("TF_CPP_MIN_LOG_LEVEL", "0");
  }
}
