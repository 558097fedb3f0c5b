package dev.rulebench.engine.discovery;

import dev.rulebench.engine.descriptor.RuleBenchDescriptor;
import dev.rulebench.engine.descriptor.RuleBenchEngineDescriptor;
import dev.rulebench.grammar.Languages;
import dev.rulebench.model.ModelArchitectures;
import java.util.Comparator;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * Discovery, as Jupiter does it: the platform's resolver with a class container resolver (for
 * classpath roots, packages and modules) and one resolver for suites, then containers left
 * without tests are pruned and children put in declaration order. Reads annotations only: nothing
 * is trained and no model is built.
 */
public final class DiscoverySelectorResolver {

  private DiscoverySelectorResolver() {}

  public static void resolveSelectors(EngineDiscoveryRequest request, RuleBenchEngineDescriptor engine,
      DiscoveryIssueReporter issues) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = DiscoverySelectorResolver.class.getClassLoader();
    }
    ClassLoader services = loader;
    SuiteParser parser = new SuiteParser(() -> Languages.load(services), () -> ModelArchitectures.load(services),
        engine.configuration(), issues);
    EngineDiscoveryRequestResolver.<RuleBenchEngineDescriptor>builder()
        .addClassContainerSelectorResolver(new IsSuiteClass())
        .addSelectorResolver(context -> new SuiteSelectorResolver(parser, engine.getUniqueId(),
            context.getClassNameFilter()))
        .addTestDescriptorVisitor(context -> TestDescriptor::prune)
        .addTestDescriptorVisitor(context -> DiscoverySelectorResolver::orderChildren)
        .build()
        .resolve(request, engine, issues);
  }

  private static void orderChildren(TestDescriptor descriptor) {
    descriptor.orderChildren(children -> children.stream()
        .sorted(Comparator.comparingInt((TestDescriptor d) -> order(d, true)).thenComparingInt(d -> order(d, false)))
        .toList());
  }

  private static int order(TestDescriptor descriptor, boolean kind) {
    if (descriptor instanceof RuleBenchDescriptor node) {
      return kind ? node.kindOrder() : node.ordinal();
    }
    return 0;
  }
}
