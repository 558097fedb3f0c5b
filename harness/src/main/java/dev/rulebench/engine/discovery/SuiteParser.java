package dev.rulebench.engine.discovery;

import dev.rulebench.api.CellId;
import dev.rulebench.api.RuleExtrapolation;
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
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Reads a suite class's annotations into a {@link SuiteDefinition}, without training anything: a
 * reader per annotation ({@link ScaleReader}, {@link LanguageReader}, {@link ArchitectureReader},
 * {@link SeedReader}, {@link TrainingReader}, {@link CheckReader}, {@link TagReader}), then one cell
 * per language × architecture × training variant, each resolved to its trial once.
 * Every mistake becomes one {@link DiscoveryIssue} naming the class, the annotation and the fix; a
 * suite with any such mistake becomes a {@link SuiteDefinition#malformed malformed} suite that fails
 * when run, with all its mistakes reported at once. Those issues are warnings, not errors: the
 * JUnit Platform treats an error as critical and would then run no suite at all.
 */
final class SuiteParser {

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
    SuiteProblems problems = new SuiteProblems(suiteClass);
    if (suiteClass.isMemberClass() && !Modifier.isStatic(suiteClass.getModifiers())) {
      problems.add("@RuleExtrapolation", "it is an inner class, which cannot be created on its own",
          "declare it static");
      return problems.report(issues, TagReader.read(suiteClass, ClassSource.from(suiteClass), problems));
    }
    RuleExtrapolation marker = AnnotationSupport.findAnnotation(suiteClass, RuleExtrapolation.class).orElseThrow();
    Optional<Scale> scale = ScaleReader.read(marker, configuration.scale(), problems);
    List<Language> suiteLanguages = new LanguageReader(languages).read(suiteClass, problems);
    List<ArchitectureChoice> choices = new ArchitectureReader(architectures, issues).read(suiteClass, problems);
    List<Long> seeds = configuration.seeds().orElseGet(() -> SeedReader.read(suiteClass, problems));
    List<Map<String, String>> trainings = TrainingReader.read(suiteClass, problems);
    if (scale.isPresent()) {
      trainings.forEach(training -> TrainingReader.validate(suiteLanguages, training, scale.get(), problems));
    }
    List<CheckMethod> checks = CheckReader.read(suiteClass, problems);
    Set<TestTag> tags = TagReader.read(suiteClass, ClassSource.from(suiteClass), problems);
    if (problems.any()) {
      return problems.report(issues, tags);
    }

    String suiteName = marker.name().isBlank() ? suiteClass.getSimpleName() : marker.name();
    List<CellDefinition> cells = new ArrayList<>();
    Set<CellId> ids = new LinkedHashSet<>();
    Set<CellId> declarations = new LinkedHashSet<>();
    for (Language language : suiteLanguages) {
      for (ArchitectureChoice choice : choices) {
        for (Map<String, String> training : trainings) {
          // resolved once: the cell's id names the resolved configuration, and every seed's trial is this one
          Optional<Trial> resolved = Optional.empty();
          String unresolvable = choice.missing();
          if (choice.architecture().isPresent()) {
            try {
              resolved = Optional.of(Trial.at(suiteClass.getName(), language, choice.architecture().get(),
                  choice.overrides(), training, scale.get(), 1, configuration.device()));
            } catch (RuntimeException e) {
              // e.g. a user's language whose data or protocol cannot be built: its runs abort with the reason
              unresolvable = language.name() + " × " + choice.name() + " cannot be set up: " + e.getMessage();
            }
          }
          CellId declared = declaredCellId(language, choice, training, scale.get());
          CellId id = resolved.map(Trial::cellId).orElse(declared);
          String name = cellDisplayName(language, choice, trainings.size() > 1 ? training : Map.of());
          boolean declaredAgain = !declarations.add(declared);  // a repeated annotation: ArchitectureReader warned
          if (ids.add(id)) {
            cells.add(new CellDefinition(cells.size(), id, name, suiteClass.getName(), language, choice.name(),
                resolved, unresolvable, scale.get(), seeds, configuration.device()));
          } else if (!declaredAgain) {
            issues.reportIssue(DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, "RuleBench suite "
                + suiteClass.getName() + ": " + name + " resolves to the same configuration as another cell (" + id
                + "); it runs once. Fix: remove the declaration that repeats it.")
                .source(ClassSource.from(suiteClass)).build());
          }
        }
      }
    }
    return Optional.of(new SuiteDefinition(suiteClass, suiteName, tags, cells, checks, List.of()));
  }

  /**
   * A hash of what the suite declares for a cell: its id when its trial cannot be resolved (no
   * implementation of the architecture on the class path; its runs abort), and how a repeated
   * declaration is told from two declarations that resolve alike.
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
}
