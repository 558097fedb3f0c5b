package dev.rulebench.cli;

import dev.rulebench.config.ConfigException;
import dev.rulebench.grammar.Language;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rulebench check <language>}: reads words from standard input, one per line, and prints
 * R1, R2 and membership for each: one output line per input line, so a blank line is the empty
 * word and is answered too; all input is validated before anything is printed.
 */
@Command(name = "check", description = "Read words on stdin and print R1, R2 and membership of each.")
final class CheckCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @ParentCommand
  RuleBenchCommand parent;

  @Parameters(index = "0", paramLabel = "<language>", description = "a language name (see 'languages')")
  String language;

  @Override
  public void run() {
    Language resolved = LanguageArgument.resolve(language);
    List<String> lines = readLines(parent.in);
    List<int[]> words = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      try {
        words.add(resolved.vocabulary().encode(text));
        texts.add(text.replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("line " + (i + 1) + ": " + e.getMessage() + " of " + resolved.name());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < words.size(); i++) {
      int[] word = words.get(i);
      out.printf("%s\tR1=%b\tR2=%b\tmember=%b%n", texts.get(i), resolved.r1().holds(word), resolved.r2().holds(word),
          resolved.isMember(word));
    }
    out.flush();
  }

  private static List<String> readLines(java.io.InputStream in) {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().toList();
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalStateException("cannot read standard input: " + e.getMessage(), e);
    }
  }
}
