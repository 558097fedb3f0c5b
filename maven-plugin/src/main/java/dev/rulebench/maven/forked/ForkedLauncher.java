package dev.rulebench.maven.forked;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The forked JVM's main: {@code java -cp <test class path + launcher> dev.rulebench.maven.forked.ForkedLauncher
 * <settings file>}. Runs the {@code rulebench} engine's suites and writes the events; test
 * failures are events, not an exit code. Exit codes: 0 when the launcher finished (whatever the
 * tests did), 1 when the launcher itself failed (the reason is the last event), and anything else
 * means the JVM died (a native crash, or {@code System.exit} in a suite).
 */
public final class ForkedLauncher {

  /** The engine this fork runs, and only it: Surefire runs the project's other tests. */
  static final String ENGINE = "rulebench";

  /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
  private static final Logger DISCOVERY_ISSUE_LOG =
      Logger.getLogger("org.junit.platform.launcher.core.DiscoveryIssueNotifier");

  private ForkedLauncher() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: ForkedLauncher <settings file>");
      System.exit(2);
    }
    ForkSettings settings = ForkSettings.read(Path.of(args[0]));
    // the plugin prints each discovery issue itself, once and in one line
    DISCOVERY_ISSUE_LOG.setLevel(Level.OFF);
    int exitCode = 0;
    long started = System.nanoTime();
    try (EventLog log = new EventLog(settings.events())) {
      SuiteEvents events = new SuiteEvents(log);
      try (LauncherSession session = LauncherFactory.openSession()) {
        session.getLauncher().execute(request(settings, events), events);
      } catch (Throwable failure) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "launcher-failed");
        event.put("message", failure.toString());
        log.write(event);
        failure.printStackTrace();
        exitCode = 1;
      }
      Map<String, Object> done = new LinkedHashMap<>();
      done.put("event", "done");
      done.put("seconds", (System.nanoTime() - started) / 1e9);
      log.write(done);
    }
    System.out.flush();
    System.err.flush();
    // threads a model library left behind must not keep the fork alive
    System.exit(exitCode);
  }

  static LauncherDiscoveryRequest request(ForkSettings settings, SuiteEvents events) {
    List<DiscoverySelector> selectors = new ArrayList<>();
    if (settings.classes().isEmpty()) {
      selectors.addAll(selectClasspathRoots(new LinkedHashSet<>(settings.classpathRoots())));
    } else {
      settings.classes().forEach(name -> selectors.add(selectClass(name)));
    }
    List<Filter<?>> filters = new ArrayList<>();
    filters.add(EngineFilter.includeEngines(ENGINE));
    if (!settings.classNamePatterns().isEmpty()) {
      filters.add(ClassNameFilter.includeClassNamePatterns(settings.classNamePatterns().toArray(String[]::new)));
    }
    if (!settings.includeTags().isBlank()) {
      filters.add(TagFilter.includeTags(settings.includeTags()));
    }
    if (!settings.excludeTags().isBlank()) {
      filters.add(TagFilter.excludeTags(settings.excludeTags()));
    }
    return LauncherDiscoveryRequestBuilder.request()
        .selectors(selectors)
        .filters(filters.toArray(Filter[]::new))
        .configurationParameters(settings.parameters())
        .listeners(events)
        .build();
  }
}
