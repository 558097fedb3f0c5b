package dev.rulebench.cli;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Languages;

/** Resolves a language name given on the command line. */
final class LanguageArgument {

  private LanguageArgument() {}

  static Language resolve(String name) {
    return Languages.load().get(name);
  }
}
