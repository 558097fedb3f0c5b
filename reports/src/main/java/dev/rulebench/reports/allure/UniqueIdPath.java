package dev.rulebench.reports.allure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The segments of a JUnit Platform unique id such as
 * {@code [engine:rulebench]/[suite:x.MainSuite]/[cell:aNbN-transformer-1a2b3c4d5e6f]/[seed:7]/[check:r1]},
 * read by segment type. The engine's ids are stable across runs (Allure's history keys on them).
 */
record UniqueIdPath(Map<String, String> segments, String lastType) {

  private static final Pattern SEGMENT = Pattern.compile("\\[([^:\\]]+):([^\\]]*)\\]");

  static UniqueIdPath parse(String uniqueId) {
    Map<String, String> segments = new LinkedHashMap<>();
    Matcher matcher = SEGMENT.matcher(uniqueId);
    String last = "";
    while (matcher.find()) {
      segments.put(matcher.group(1), matcher.group(2));
      last = matcher.group(1);
    }
    return new UniqueIdPath(segments, last);
  }

  Optional<String> find(String type) {
    return Optional.ofNullable(segments.get(type));
  }

  Optional<Long> seed() {
    return find("seed").flatMap(text -> {
      try {
        return Optional.of(Long.parseLong(text.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  /** A run's own result (not one of its checks): the id ends at the seed. */
  boolean isRun() {
    return lastType.equals("seed");
  }
}
