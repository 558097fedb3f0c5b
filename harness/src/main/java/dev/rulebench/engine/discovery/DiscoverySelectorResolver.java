package dev.rulebench.engine.discovery;

import dev.rulebench.api.Constants;
import dev.rulebench.engine.config.RunSelection;
import dev.rulebench.engine.descriptor.RuleBenchDescriptor;
import dev.rulebench.engine.descriptor.RuleBenchEngineDescriptor;
import dev.rulebench.engine.descriptor.RunDescriptor;
import dev.rulebench.engine.descriptor.SuiteDescriptor;
import dev.rulebench.grammar.Languages;
import dev.rulebench.model.ModelArchitectures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * Discovery, as Jupiter does it: the platform's resolver with a class container resolver (for
 * classpath roots, packages and modules) and one resolver per selector kind ({@link
 * ClassSelectorResolver}, {@link MethodSelectorResolver}, {@link UniqueIdSelectorResolver}) over one
 * {@link SuiteTree}, then containers left without tests are pruned and children put in declaration
 * order; last, {@code rulebench.select} keeps the runs it names. Reads annotations only: nothing is
 * trained and no model is built.
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
    // one tree for the three resolvers, so a suite selected in several ways is parsed once
    SuiteTree tree = new SuiteTree(parser, engine.getUniqueId());
    EngineDiscoveryRequestResolver.<RuleBenchEngineDescriptor>builder()
        .addClassContainerSelectorResolver(new IsSuiteClass())
        .addSelectorResolver(context -> new ClassSelectorResolver(tree, context.getClassNameFilter()))
        .addSelectorResolver(context -> new MethodSelectorResolver(tree))
        .addSelectorResolver(context -> new UniqueIdSelectorResolver(tree))
        .addTestDescriptorVisitor(context -> TestDescriptor::prune)
        .addTestDescriptorVisitor(context -> DiscoverySelectorResolver::orderChildren)
        .build()
        .resolve(request, engine, issues);
    keepSelectedRuns(engine, engine.configuration().selection(), issues);
  }

  /**
   * {@code rulebench.select}: removes the runs it does not select, then cells left without runs
   * (their cell checks need them) and suites left without cells. A selection that keeps nothing is
   * a warning naming what there was: in a multi-module build, another module may hold the suite.
   */
  private static void keepSelectedRuns(RuleBenchEngineDescriptor engine, RunSelection selection,
      DiscoveryIssueReporter issues) {
    if (selection.isAll() || engine.getChildren().isEmpty()) {
      return;
    }
    List<String> cells = new ArrayList<>();
    for (TestDescriptor suite : List.copyOf(engine.getChildren())) {
      String suiteClass = suite instanceof SuiteDescriptor s ? s.definition().suiteClass().getName() : "";
      for (TestDescriptor cell : List.copyOf(suite.getChildren())) {
        String cellId = cell.getUniqueId().getLastSegment().getValue();
        cells.add(suiteClass.substring(suiteClass.lastIndexOf('.') + 1) + "/" + cellId);
        for (TestDescriptor child : List.copyOf(cell.getChildren())) {
          if (child instanceof RunDescriptor run
              && !selection.selects(new RunSelection.Run(run.getUniqueId(), suiteClass, cellId, run.seed()))) {
            run.removeFromHierarchy();
          }
        }
        if (cell.getChildren().stream().noneMatch(RunDescriptor.class::isInstance)) {
          cell.removeFromHierarchy();
        }
      }
      if (suite.getChildren().isEmpty()) {
        suite.removeFromHierarchy();
      }
    }
    if (engine.getChildren().isEmpty()) {
      issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "RuleBench " + Constants.SELECT + " selects none of"
          + " the discovered runs, so nothing runs; the cells were: " + String.join(", ", cells.subList(0,
          Math.min(cells.size(), 20))) + (cells.size() > 20 ? ", …" : "") + ". Fix: a pattern suite[/cell[/seed]]"
          + " that names one of them."));
    }
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
