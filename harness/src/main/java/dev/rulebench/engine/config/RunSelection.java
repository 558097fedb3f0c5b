package dev.rulebench.engine.config;

import dev.rulebench.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.platform.engine.UniqueId;

/**
 * {@code rulebench.select}: which runs of the discovered suites to keep, as comma-separated
 * patterns, each either
 *
 * <ul>
 *   <li>{@code suite[/cell[/seed]]}: the suite's simple or qualified class name, its cell as
 *       {@code <language>-<architecture>[-<hash>]} (a leading part up to a {@code -} is enough:
 *       {@code aNbN} or {@code aNbN-lstm}), and the seed ({@code 2} or {@code seed2}); {@code *}
 *       matches any characters, names ignore case. E.g. {@code ANbNGateSuite/aNbN-lstm/2},
 *       {@code *MainTableSuite/*-transformer}.</li>
 *   <li>a unique id or its leading part, as the console launcher and IDEs show it:
 *       {@code [engine:rulebench]/[suite:…]/[cell:…]/[seed:2]}.</li>
 * </ul>
 *
 * A run is kept when any pattern selects it; empty (the default) keeps every run.
 *
 * @param patterns the patterns, parsed
 */
public record RunSelection(List<Selector> patterns) {

  public RunSelection {
    patterns = List.copyOf(patterns);
  }

  /** Keeps every run. */
  public static RunSelection all() {
    return new RunSelection(List.of());
  }

  public boolean isAll() {
    return patterns.isEmpty();
  }

  /**
   * Parses the setting.
   *
   * @throws ConfigException naming the pattern and what is wrong with it
   */
  public static RunSelection parse(String text) {
    List<Selector> selectors = new ArrayList<>();
    for (String part : text.split(",")) {
      String pattern = part.trim();
      if (pattern.isEmpty()) {
        continue;
      }
      selectors.add(pattern.startsWith("[") ? new UniqueIdPrefix(parseUniqueId(pattern)) : NamePattern.parse(pattern));
    }
    if (selectors.isEmpty()) {
      throw new ConfigException("it has no pattern");
    }
    return new RunSelection(selectors);
  }

  private static UniqueId parseUniqueId(String pattern) {
    try {
      return UniqueId.parse(pattern);
    } catch (RuntimeException e) {
      throw new ConfigException("'" + pattern + "' is not a unique id (" + e.getMessage() + ")");
    }
  }

  /**
   * Whether a run is kept.
   *
   * @param run what identifies the run
   */
  public boolean selects(Run run) {
    return isAll() || patterns.stream().anyMatch(pattern -> pattern.selects(run));
  }

  /**
   * A run as patterns see it.
   *
   * @param uniqueId its unique id
   * @param suiteClass its suite's qualified class name
   * @param cellId its cell's id, {@code <language>-<architecture>-<hash>}
   * @param seed its seed
   */
  public record Run(UniqueId uniqueId, String suiteClass, String cellId, long seed) {}

  /** One pattern. */
  public sealed interface Selector permits NamePattern, UniqueIdPrefix {
    boolean selects(Run run);
  }

  /** A unique id's leading part: the runs below it. */
  record UniqueIdPrefix(UniqueId prefix) implements Selector {
    @Override
    public boolean selects(Run run) {
      return run.uniqueId().hasPrefix(prefix);
    }
  }

  /** {@code suite[/cell[/seed]]}. */
  record NamePattern(Pattern suite, Optional<Pattern> cell, Optional<Long> seed) implements Selector {

    static NamePattern parse(String text) {
      String[] parts = text.split("/", -1);
      if (parts.length > 3) {
        throw new ConfigException("'" + text + "' has " + parts.length + " parts; a pattern is suite[/cell[/seed]]");
      }
      for (String part : parts) {
        if (part.isBlank()) {
          throw new ConfigException("'" + text + "' has an empty part; a pattern is suite[/cell[/seed]]");
        }
      }
      Optional<Long> seed = Optional.empty();
      if (parts.length == 3) {
        String value = parts[2].trim().toLowerCase(Locale.ROOT).replaceFirst("^seed-?", "");
        try {
          seed = Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
          throw new ConfigException("'" + parts[2] + "' in '" + text + "' is not a seed (e.g. 2 or seed2)");
        }
      }
      return new NamePattern(glob(parts[0].trim()), parts.length > 1 ? Optional.of(glob(parts[1].trim())) : Optional.empty(),
          seed);
    }

    @Override
    public boolean selects(Run run) {
      String simpleName = run.suiteClass().substring(run.suiteClass().lastIndexOf('.') + 1);
      boolean suiteMatches = suite.matcher(run.suiteClass()).matches() || suite.matcher(simpleName).matches();
      return suiteMatches && cell.map(pattern -> cellMatches(pattern, run.cellId())).orElse(true)
          && seed.map(value -> value == run.seed()).orElse(true);
    }

    /** The whole id, or a leading part of it that ends before a {@code -}. */
    private static boolean cellMatches(Pattern pattern, String id) {
      if (pattern.matcher(id).matches()) {
        return true;
      }
      for (int dash = id.indexOf('-'); dash > 0; dash = id.indexOf('-', dash + 1)) {
        if (pattern.matcher(id.substring(0, dash)).matches()) {
          return true;
        }
      }
      return false;
    }

    /** {@code *} any characters, everything else literal, case ignored. */
    private static Pattern glob(String text) {
      return Pattern.compile(Arrays.stream(text.split("\\*", -1)).map(Pattern::quote)
          .collect(Collectors.joining(".*")), Pattern.CASE_INSENSITIVE);
    }
  }
}
