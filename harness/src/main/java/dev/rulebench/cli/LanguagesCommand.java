package dev.rulebench.cli;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.Languages;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rulebench languages}: every language on the class path with its class and rules. */
@Command(name = "languages", description = "List the languages: name, Chomsky class and rules.")
final class LanguagesCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    for (Language language : Languages.load().all()) {
      out.printf("%-8s %-8s %-18s R1: %s; R2: %s%n", language.name(), language.displayName(),
          language.chomskyClass().label(), language.r1().name(), language.r2().name());
    }
    out.flush();
  }
}
