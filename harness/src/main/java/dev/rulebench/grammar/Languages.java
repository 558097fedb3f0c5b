package dev.rulebench.grammar;

import dev.rulebench.config.NamedServices;

/** Finds the languages on the class path: the six built-ins and any user language. */
public final class Languages {

  private Languages() {}

  public static NamedServices<Language> load(ClassLoader loader) {
    return NamedServices.load(Language.class, Language::name, "language",
        "no language is registered in META-INF/services/dev.rulebench.grammar.Language", loader);
  }

  public static NamedServices<Language> load() {
    return load(Thread.currentThread().getContextClassLoader());
  }
}
