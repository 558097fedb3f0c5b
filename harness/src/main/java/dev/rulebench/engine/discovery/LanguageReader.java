package dev.rulebench.engine.discovery;

import dev.rulebench.api.Grammar;
import dev.rulebench.config.NamedServices;
import dev.rulebench.grammar.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;

/** {@code @Grammar}: languages by name (registered ones) or by class. */
final class LanguageReader {

  private final NamedServices<Language> languages;

  LanguageReader(NamedServices<Language> languages) {
    this.languages = languages;
  }

  List<Language> read(Class<?> suiteClass, SuiteProblems problems) {
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
      AnnotationValues.instantiate(type, "@Grammar(type = " + type.getSimpleName() + ".class)", problems).ifPresent(found::add);
    }
    return found;
  }
}
