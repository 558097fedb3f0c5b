package dev.rulebench.engine.discovery;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.CellId;
import dev.rulebench.api.Check;
import dev.rulebench.api.Constants;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.Seeds;
import dev.rulebench.api.Training;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.NamedServices;
import dev.rulebench.engine.config.EngineConfiguration;
import dev.rulebench.grammar.Language;
import dev.rulebench.io.Hashes;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.suite.CellDefinition;
import dev.rulebench.suite.CheckMethod;
import dev.rulebench.suite.SuiteDefinition;
import dev.rulebench.trial.Scale;
import dev.rulebench.trial.Trial;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Reads a suite class's annotations into a {@link SuiteDefinition}, without training anything.
 * Every mistake becomes one {@link DiscoveryIssue} naming the class, the annotation and the fix; a
 * suite with any such mistake becomes a {@link SuiteDefinition#malformed malformed} suite that fails
 * when run, with all its mistakes reported at once. Those issues are warnings, not errors: the
 * JUnit Platform treats an error as critical and would then run no suite at all.
 */
final class SuiteParser {

  private static final long DEFAULT_SEED = 1;

  private final Supplier<NamedServices<Language>> languageServices;
  private final Supplier<NamedServices<ModelArchitecture>> architectureServices;
  private final EngineConfiguration configuration;
  private final DiscoveryIssueReporter issues;
  private NamedServices<Language> languages;
  private NamedServices<ModelArchitecture> architectures;

  /**
   * The services are loaded when the first suite is parsed: the engine is on the class path of
   * many test runs that hold no suite, and those should not instantiate any architecture.
   */
  SuiteParser(Supplier<NamedServices<Language>> languages, Supplier<NamedServices<ModelArchitecture>> architectures,
      EngineConfiguration configuration, DiscoveryIssueReporter issues) {
    this.languageServices = languages;
    this.architectureServices = architectures;
    this.configuration = configuration;
    this.issues = issues;
  }

  Optional<SuiteDefinition> parse(Class<?> suiteClass) {
    if (languages == null) {
      languages = languageServices.get();
      architectures = architectureServices.get();
    }
    Problems problems = new Problems(suiteClass);
    if (suiteClass.isMemberClass() && !Modifier.isStatic(suiteClass.getModifiers())) {
      problems.add("@RuleExtrapolation", "it is an inner class, which cannot be created on its own",
          "declare it static");
      return problems.report(issues, tags(suiteClass, ClassSource.from(suiteClass), problems));
    }
    RuleExtrapolation marker = AnnotationSupport.findAnnotation(suiteClass, RuleExtrapolation.class).orElseThrow();
    Optional<Scale> scale = scale(marker, problems);
    List<Language> suiteLanguages = languages(suiteClass, problems);
    List<ArchitectureChoice> choices = architectures(suiteClass, problems);
    List<Long> seeds = configuration.seeds().orElseGet(() -> seeds(suiteClass, problems));
    List<Map<String, String>> trainings = trainings(suiteClass, problems);
    if (scale.isPresent()) {
      trainings.forEach(training -> validateTraining(suiteLanguages, training, scale.get(), problems));
    }
    List<CheckMethod> checks = checks(suiteClass, problems);
    Set<TestTag> tags = tags(suiteClass, ClassSource.from(suiteClass), problems);
    if (problems.any()) {
      return problems.report(issues, tags);
    }

    String suiteName = marker.name().isBlank() ? suiteClass.getSimpleName() : marker.name();
    List<CellDefinition> cells = new ArrayList<>();
    Set<CellId> ids = new LinkedHashSet<>();
    for (Language language : suiteLanguages) {
      for (ArchitectureChoice choice : choices) {
        for (Map<String, String> training : trainings) {
          // resolved once: the cell's id names the resolved configuration, and every seed's trial is this one
          Optional<Trial> resolved = choice.architecture().map(architecture -> Trial.at(suiteClass.getName(), language,
              architecture, choice.overrides(), training, scale.get(), 1, configuration.device()));
          CellId id = resolved.map(Trial::cellId).orElseGet(() -> declaredCellId(language, choice, training, scale.get()));
          if (ids.add(id)) {
            String name = cellDisplayName(language, choice, trainings.size() > 1 ? training : Map.of());
            cells.add(new CellDefinition(cells.size(), id, name, suiteClass.getName(), language, choice.name(),
                resolved, choice.missing(), scale.get(), seeds, configuration.device()));
          }
        }
      }
    }
    return Optional.of(new SuiteDefinition(suiteClass, suiteName, tags, cells, checks, List.of()));
  }

  // ---- scale

  private Optional<Scale> scale(RuleExtrapolation marker, Problems problems) {
    if (configuration.scale().isPresent()) {
      return configuration.scale();
    }
    if (marker.scale().isBlank()) {
      return Optional.of(Scale.parse(Constants.DEFAULT_SCALE));
    }
    try {
      return Optional.of(Scale.parse(marker.scale()));
    } catch (ConfigException e) {
      problems.add("@RuleExtrapolation(scale = \"" + marker.scale() + "\")", e.getMessage(),
          "use smoke, quick, ci, reduced or paper");
      return Optional.empty();
    }
  }

  // ---- languages

  private List<Language> languages(Class<?> suiteClass, Problems problems) {
    Optional<Grammar> grammar = AnnotationSupport.findAnnotation(suiteClass, Grammar.class);
    if (grammar.isEmpty() || grammar.get().value().length + grammar.get().type().length == 0) {
      problems.add("@Grammar", "the suite names no language",
          "add @Grammar(\"aNbN\") with a language name, or @Grammar(type = YourLanguage.class)");
      return List.of();
    }
    List<Language> found = new ArrayList<>();
    for (String name : grammar.get().value()) {
      Optional<Language> language = languages.find(name.trim());
      if (language.isPresent()) {
        found.add(language.get());
      } else {
        problems.add("@Grammar(\"" + name + "\")", "unknown language '" + name + "'; known: "
            + String.join(", ", languages.names()),
            "use a known name, or register your Language class in META-INF/services/dev.rulebench.grammar.Language");
      }
    }
    for (Class<? extends Language> type : grammar.get().type()) {
      instantiate(type, "@Grammar(type = " + type.getSimpleName() + ".class)", problems).ifPresent(found::add);
    }
    return found;
  }

  // ---- architectures

  /** An architecture as a suite declared it. */
  private record ArchitectureChoice(String name, Optional<ModelArchitecture> architecture, String missing,
      Map<String, String> overrides) {}

  private List<ArchitectureChoice> architectures(Class<?> suiteClass, Problems problems) {
    List<Architecture> declared = AnnotationSupport.findRepeatableAnnotations(suiteClass, Architecture.class);
    if (declared.isEmpty()) {
      problems.add("@Architecture", "the suite names no architecture",
          "add @Architecture(\"transformer\") (repeat it for more), or @Architecture(type = YourArchitecture.class)");
      return List.of();
    }
    warnAboutRepeats(suiteClass);
    List<ArchitectureChoice> choices = new ArrayList<>();
    for (Architecture annotation : declared) {
      String text = describe(annotation);
      boolean named = !annotation.value().isBlank();
      boolean typed = annotation.type() != ModelArchitecture.class;
      if (named == typed) {
        problems.add(text, named ? "it gives both a name and a type" : "it gives neither a name nor a type",
            "give one: @Architecture(\"lstm\") or @Architecture(type = YourArchitecture.class)");
        continue;
      }
      Optional<Map<String, String>> overrides = keyValues(annotation.config(), text, "config", problems);
      if (overrides.isEmpty()) {
        continue;
      }
      Optional<ModelArchitecture> architecture;
      String name;
      String missing = "";
      if (typed) {
        architecture = instantiate(annotation.type(), text, problems);
        if (architecture.isEmpty()) {
          continue;
        }
        name = architecture.get().name();
      } else {
        name = annotation.value().trim();
        architecture = architectures.find(name);
        if (architecture.isEmpty() && architectures.isEmpty()) {
          // no model implementation at all: discovery goes on, and the runs abort with the reason
          missing = "no model architecture is on the class path, so '" + name + "' cannot be trained: add the"
              + " dependency dev.rulebench:rulebench-models-tf (or register your own architecture in"
              + " META-INF/services/dev.rulebench.model.ModelArchitecture)";
        } else if (architecture.isEmpty()) {
          problems.add(text, "unknown architecture '" + name + "'; known: " + String.join(", ", architectures.names()),
              "use a known name, or register your ModelArchitecture class in"
                  + " META-INF/services/dev.rulebench.model.ModelArchitecture");
          continue;
        }
      }
      if (architecture.isPresent()) {
        try {
          architecture.get().configWith(overrides.get());
        } catch (ConfigException e) {
          problems.add(text, e.getMessage(), "use the keys, value types and ranges listed");
          continue;
        }
      }
      choices.add(new ArchitectureChoice(name, architecture, missing, overrides.get()));
    }
    return choices;
  }

  /** The same {@code @Architecture} twice would be one cell, silently: say so, without failing the suite. */
  private void warnAboutRepeats(Class<?> suiteClass) {
    Map<Architecture, Integer> counts = new LinkedHashMap<>();
    for (Architecture annotation : suiteClass.getAnnotationsByType(Architecture.class)) {
      counts.merge(annotation, 1, Integer::sum);
    }
    counts.forEach((annotation, count) -> {
      if (count > 1) {
        issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "RuleBench suite " + suiteClass.getName() + ": "
            + describe(annotation) + " is declared " + count + " times; its cells run once. Fix: remove the"
            + " repeated annotation.").source(ClassSource.from(suiteClass)).build());
      }
    });
  }

  private static String describe(Architecture annotation) {
    StringBuilder text = new StringBuilder("@Architecture(");
    if (!annotation.value().isBlank()) {
      text.append('"').append(annotation.value()).append('"');
    }
    if (annotation.type() != ModelArchitecture.class) {
      text.append(text.length() > 14 ? ", " : "").append("type = ").append(annotation.type().getSimpleName())
          .append(".class");
    }
    if (annotation.config().length > 0) {
      text.append(text.length() > 14 ? ", " : "").append("config = ")
          .append(Arrays.stream(annotation.config()).map(c -> '"' + c + '"').collect(Collectors.joining(", ", "{", "}")));
    }
    return text.append(')').toString();
  }

  // ---- seeds

  private List<Long> seeds(Class<?> suiteClass, Problems problems) {
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

  // ---- training

  /** One set of overrides per {@code @Training} (a variant each), or none: the scale's protocol. */
  private List<Map<String, String>> trainings(Class<?> suiteClass, Problems problems) {
    List<Training> declared = AnnotationSupport.findRepeatableAnnotations(suiteClass, Training.class);
    if (declared.isEmpty()) {
      return List.of(Map.of());
    }
    List<Map<String, String>> trainings = new ArrayList<>();
    for (Training training : declared) {
      trainings.add(training(training, problems));
    }
    return trainings;
  }

  private Map<String, String> training(Training training, Problems problems) {
    Map<String, String> overrides = new LinkedHashMap<>();
    single("epochs", Arrays.stream(training.epochs()).mapToObj(String::valueOf).toList(), overrides, problems);
    single("maxSteps", Arrays.stream(training.maxSteps()).mapToObj(String::valueOf).toList(), overrides, problems);
    single("learningRate", Arrays.stream(training.learningRate()).mapToObj(String::valueOf).toList(), overrides,
        problems);
    single("batchSize", Arrays.stream(training.batchSize()).mapToObj(String::valueOf).toList(), overrides, problems);
    single("validationInterval", Arrays.stream(training.validationInterval()).mapToObj(String::valueOf).toList(),
        overrides, problems);
    single("patience", Arrays.stream(training.patience()).mapToObj(String::valueOf).toList(), overrides, problems);
    single("decoding", Arrays.stream(training.decoding()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList(),
        overrides, problems);
    List<String> pad = new ArrayList<>();
    for (boolean value : training.lossIncludesPad()) {
      pad.add(String.valueOf(value));
    }
    single("lossIncludesPad", pad, overrides, problems);
    keyValues(training.set(), "@Training(set = …)", "set", problems).ifPresent(set -> set.forEach((key, value) -> {
      if (overrides.containsKey(key)) {
        problems.add("@Training", "'" + key + "' is given both as an attribute and in set",
            "give it once");
      } else {
        overrides.put(key, value);
      }
    }));
    return overrides;
  }

  private static void single(String key, List<String> values, Map<String, String> into, Problems problems) {
    if (values.size() > 1) {
      problems.add("@Training(" + key + " = " + values.stream().collect(Collectors.joining(", ", "{", "}")) + ")",
          "it gives " + values.size() + " values", "give one value");
    } else if (values.size() == 1) {
      into.put(key, values.get(0));
    }
  }

  /** Checks the training overrides against every language's protocol at this scale. */
  private static void validateTraining(List<Language> languages, Map<String, String> training, Scale scale,
      Problems problems) {
    if (training.isEmpty()) {
      return;
    }
    for (Language language : languages) {
      try {
        scale.training(language, language.trainingSize(scale.data(language)), training);
      } catch (ConfigException e) {
        problems.add("@Training", e.getMessage(), "use the keys and value types listed");
        return;
      }
    }
  }

  // ---- checks

  private List<CheckMethod> checks(Class<?> suiteClass, Problems problems) {
    List<Method> methods = ReflectionSupport.findMethods(suiteClass,
        m -> AnnotationSupport.isAnnotated(m, Check.class), HierarchyTraversalMode.TOP_DOWN);
    List<CheckMethod> checks = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    boolean needsInstance = false;
    for (Method method : methods) {
      String text = "@Check " + method.getName() + "(" + Arrays.stream(method.getParameterTypes())
          .map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
      Optional<CheckMethod.Scope> scope = Arrays.stream(CheckMethod.Scope.values())
          .filter(s -> method.getParameterCount() == 1 && method.getParameterTypes()[0] == s.parameterType())
          .findFirst();
      if (scope.isEmpty()) {
        problems.add(MethodSource.from(suiteClass, method), text, "a check takes exactly one parameter of type"
            + " RunResult or CellResult", "declare it as " + method.getName() + "(RunResult run) to check each seed,"
            + " or " + method.getName() + "(CellResult cell) to check a cell across its seeds");
        continue;
      }
      if (!names.add(method.getName())) {
        problems.add(MethodSource.from(suiteClass, method), text, "another check is named " + method.getName(),
            "give every check method its own name");
        continue;
      }
      needsInstance |= !Modifier.isStatic(method.getModifiers());
      String displayName = AnnotationSupport.findAnnotation(method, Check.class).map(Check::value)
          .filter(v -> !v.isBlank()).orElse(method.getName());
      checks.add(new CheckMethod(method, scope.get(), displayName, tags(method, MethodSource.from(suiteClass, method),
          problems), checks.size()));
    }
    if (needsInstance && !hasNoArgumentConstructor(suiteClass)) {
      problems.add("@Check", "its checks are instance methods but the class has no constructor without parameters",
          "add one, or make the check methods static");
    }
    return checks;
  }

  private static boolean hasNoArgumentConstructor(Class<?> type) {
    return Arrays.stream(type.getDeclaredConstructors()).anyMatch(c -> c.getParameterCount() == 0);
  }

  // ---- tags

  private static Set<TestTag> tags(java.lang.reflect.AnnotatedElement element, TestSource source, Problems problems) {
    Set<TestTag> tags = new LinkedHashSet<>();
    for (Tag tag : AnnotationSupport.findRepeatableAnnotations(element, Tag.class)) {
      if (TestTag.isValid(tag.value())) {
        tags.add(TestTag.create(tag.value().trim()));
      } else {
        problems.add(source, "@Tag(\"" + tag.value() + "\")", "it is not a valid JUnit tag",
            "use a tag without blanks, control characters or any of , ( ) & | !");
      }
    }
    return tags;
  }

  // ---- shared

  private static Optional<Map<String, String>> keyValues(String[] entries, String annotation, String attribute,
      Problems problems) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        problems.add(annotation, "'" + entry + "' in " + attribute + " is not key=value", "write e.g. \"layers=3\"");
        return Optional.empty();
      }
      String key = entry.substring(0, equals).trim();
      if (values.put(key, entry.substring(equals + 1).trim()) != null) {
        problems.add(annotation, "'" + key + "' is given twice in " + attribute, "give it once");
        return Optional.empty();
      }
    }
    return Optional.of(values);
  }

  private static <T> Optional<T> instantiate(Class<? extends T> type, String annotation, Problems problems) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return Optional.of(constructor.newInstance());
    } catch (NoSuchMethodException e) {
      problems.add(annotation, type.getName() + " has no constructor without parameters", "add a public one");
    } catch (InvocationTargetException e) {
      problems.add(annotation, type.getName() + " could not be created: " + e.getCause(),
          "make its no-argument constructor succeed");
    } catch (ReflectiveOperationException | RuntimeException e) {
      problems.add(annotation, type.getName() + " could not be created: " + e, "give it a public no-argument"
          + " constructor");
    }
    return Optional.empty();
  }

  /**
   * The id of a cell whose architecture has no implementation on the class path (its runs abort):
   * without a resolved configuration, a hash of what the suite declares.
   */
  private static CellId declaredCellId(Language language, ArchitectureChoice choice, Map<String, String> training,
      Scale scale) {
    String declared = "language=" + language.name() + "|architecture=" + choice.name() + "|model="
        + canonical(choice.overrides()) + "|training=" + canonical(training) + "|scale=" + scale.key();
    return new CellId(language.name(), choice.name(), Hashes.sha256(declared).substring(0, 12));
  }

  /** "aⁿbⁿ × lstm (layers=2)", with the training variant in brackets when the suite has several. */
  private static String cellDisplayName(Language language, ArchitectureChoice choice, Map<String, String> variant) {
    String name = language.displayName() + " × " + choice.name();
    if (!choice.overrides().isEmpty()) {
      name += choice.overrides().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ", " (", ")"));
    }
    if (!variant.isEmpty()) {
      name += variant.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ", " [", "]"));
    }
    return name;
  }

  private static String canonical(Map<String, String> values) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(values).forEach((k, v) -> text.append(k).append('=').append(v).append(';'));
    return text.toString();
  }

  /** The mistakes found in one suite class. */
  private static final class Problems {
    private final Class<?> suiteClass;
    private final Set<String> messages = new LinkedHashSet<>();
    private final List<DiscoveryIssue> found = new ArrayList<>();

    Problems(Class<?> suiteClass) {
      this.suiteClass = suiteClass;
    }

    void add(String annotation, String problem, String fix) {
      add(ClassSource.from(suiteClass), annotation, problem, fix);
    }

    void add(TestSource source, String annotation, String problem, String fix) {
      String message = "RuleBench suite " + suiteClass.getName() + ": " + annotation + ": " + problem + ". Fix: " + fix
          + ".";
      if (messages.add(message)) {
        found.add(DiscoveryIssue.builder(Severity.WARNING, message).source(source).build());
      }
    }

    boolean any() {
      return !found.isEmpty();
    }

    Optional<SuiteDefinition> report(DiscoveryIssueReporter reporter, Set<TestTag> tags) {
      found.forEach(reporter::reportIssue);
      return Optional.of(SuiteDefinition.malformed(suiteClass, tags, List.copyOf(messages)));
    }
  }
}
