package dev.rulebench.engine;

import dev.rulebench.api.Constants;
import dev.rulebench.engine.config.EngineConfiguration;
import dev.rulebench.engine.descriptor.RuleBenchEngineDescriptor;
import dev.rulebench.engine.discovery.DiscoverySelectorResolver;
import dev.rulebench.engine.execution.EngineExecution;
import dev.rulebench.result.RunEnvironment;
import dev.rulebench.train.TrialExecutors;
import java.util.Optional;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * The {@code rulebench} JUnit Platform engine: discovers {@code @RuleExtrapolation} suites and runs
 * them as a tree suite → cell → run (seed) → check. Registered through
 * {@code META-INF/services/org.junit.platform.engine.TestEngine}.
 */
public final class RuleBenchTestEngine implements TestEngine {

  public static final String ENGINE_ID = "rulebench";

  @Override
  public String getId() {
    return ENGINE_ID;
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    DiscoveryIssueReporter issues = DiscoveryIssueReporter.deduplicating(
        DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
    EngineConfiguration configuration = EngineConfiguration.read(request.getConfigurationParameters(),
        problem -> issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "RuleBench " + problem)));
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    var executors = TrialExecutors.load(loader == null ? getClass().getClassLoader() : loader);
    if (executors.find(configuration.executor()).isEmpty()) {
      issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "RuleBench configuration parameter "
          + Constants.EXECUTOR + "='" + configuration.executor() + "' names no registered executor (known: "
          + String.join(", ", executors.names()) + "). Fix: use one of those, or add the module that provides it"
          + " (e.g. the Spark executor) to the test class path."));
    }
    RuleBenchEngineDescriptor engine = new RuleBenchEngineDescriptor(uniqueId, configuration);
    DiscoverySelectorResolver.resolveSelectors(request, engine, issues);
    return engine;
  }

  @Override
  public void execute(ExecutionRequest request) {
    new EngineExecution(request).execute();
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.rulebench");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("rulebench-harness");
  }

  @Override
  public Optional<String> getVersion() {
    return Optional.of(RunEnvironment.rulebenchVersion());
  }
}
