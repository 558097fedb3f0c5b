package dev.rulebench.engine.discovery;

import dev.rulebench.api.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.AnnotationSupport;

/** {@code @Seeds}: a count or the seeds themselves. */
final class SeedReader {

  private static final long DEFAULT_SEED = 1;

  private SeedReader() {}

  /** The suite's seeds; seed 1 without {@code @Seeds}. */
  static List<Long> read(Class<?> suiteClass, SuiteProblems problems) {
    Optional<Seeds> annotation = AnnotationSupport.findAnnotation(suiteClass, Seeds.class);
    if (annotation.isEmpty()) {
      return List.of(DEFAULT_SEED);
    }
    long[] values = annotation.get().value();
    int count = annotation.get().count();
    if (values.length > 0 && count != 0) {
      problems.add("@Seeds", "it gives both seeds and a count", "give @Seeds({1, 2, 3}) or @Seeds(count = 3)");
      return List.of();
    }
    if (values.length == 0) {
      if (count <= 0) {
        problems.add("@Seeds(count = " + count + ")", "the count must be positive", "use e.g. @Seeds(count = 3)");
        return List.of();
      }
      List<Long> seeds = new ArrayList<>();
      for (long seed = 1; seed <= count; seed++) {
        seeds.add(seed);
      }
      return seeds;
    }
    String text = "@Seeds(" + Arrays.toString(values).replace('[', '{').replace(']', '}') + ")";
    Set<Long> seen = new LinkedHashSet<>();
    Set<Long> repeated = new LinkedHashSet<>();
    List<Long> nonPositive = new ArrayList<>();
    for (long seed : values) {
      if (seed <= 0) {
        nonPositive.add(seed);
      } else if (!seen.add(seed)) {
        repeated.add(seed);
      }
    }
    if (!nonPositive.isEmpty() || !repeated.isEmpty()) {
      String problem = (nonPositive.isEmpty() ? "" : "seeds must be positive, not " + nonPositive)
          + (!nonPositive.isEmpty() && !repeated.isEmpty() ? "; " : "")
          + (repeated.isEmpty() ? "" : "seeds " + repeated + " are repeated");
      problems.add(text, problem, "list each positive seed once");
      return List.of();
    }
    return List.copyOf(seen);
  }
}
