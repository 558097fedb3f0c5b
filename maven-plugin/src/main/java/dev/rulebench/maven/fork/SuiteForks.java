package dev.rulebench.maven.fork;

import dev.rulebench.maven.forked.ForkSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the suites in forked JVMs so that a JVM that dies takes only its suite along: all suites go
 * to one JVM; if it dies, the suite it was running is marked crashed with the reason, and a fresh JVM
 * runs the suites that had not finished. Results already made stay (and are in the result cache).
 */
public final class SuiteForks {

  private final ForkedJvm jvm;
  private final Consumer<String> warnings;

  public SuiteForks(ForkedJvm jvm, Consumer<String> warnings) {
    this.jvm = jvm;
    this.warnings = warnings;
  }

  /**
   * What all the forks did.
   *
   * @param forks every fork, in order
   * @param planned the suites discovery planned, in order
   * @param crashed each crashed suite with why its JVM died and what was running
   * @param notRun suites never run because a JVM died where the plugin could not tell which suite it was in
   */
  public record Outcome(List<ForkRecord> forks, List<String> planned, Map<String, String> crashed,
      Map<String, String> notRun) {

    public Outcome {
      forks = List.copyOf(forks);
      planned = List.copyOf(planned);
      crashed = Map.copyOf(crashed);
      notRun = Map.copyOf(notRun);
    }
  }

  public Outcome run(ForkSettings settings) {
    List<ForkRecord> forks = new ArrayList<>();
    List<String> planned = null;
    Set<String> finished = new LinkedHashSet<>();
    Map<String, String> crashed = new LinkedHashMap<>();
    Map<String, String> notRun = new LinkedHashMap<>();
    ForkSettings next = settings.withClasses(settings.classes(), events(1));
    for (int number = 1; ; number++) {
      ForkRecord fork = jvm.run(number, next);
      forks.add(fork);
      if (planned == null) {
        planned = fork.plannedSuites();
      }
      finished.addAll(fork.finishedSuites());
      if (fork.finished()) {
        break;
      }
      String reason = fork.crash().orElseThrow();
      String suite = fork.suiteInFlight().orElse(null);
      List<String> left = new ArrayList<>(planned);
      left.removeAll(finished);
      left.removeAll(crashed.keySet());
      if (suite == null) {
        // died before any suite started, or between two suites: nothing to blame, nothing to retry
        String why = planned.isEmpty() ? reason + ", before it had discovered the suites"
            : reason + ", between suites";
        if (left.isEmpty() && planned.isEmpty()) {
          notRun.put("(all suites)", why);
        }
        left.forEach(s -> notRun.put(s, why));
        break;
      }
      String where = fork.testInFlight().map(test -> reason + ", while running " + test).orElse(reason);
      crashed.put(suite, where);
      left.remove(suite);
      warnings.accept("RuleBench suite " + suite + " crashed: " + where + (left.isEmpty() ? ""
          : ". Starting a new JVM for the " + left.size() + " suite" + (left.size() == 1 ? "" : "s") + " left."));
      if (left.isEmpty()) {
        break;
      }
      next = settings.withClasses(left, events(number + 1));
    }
    return new Outcome(forks, planned == null ? List.of() : planned, crashed, notRun);
  }

  private Path events(int number) {
    return jvm.workFolder().resolve("events-" + number + ".jsonl");
  }
}
