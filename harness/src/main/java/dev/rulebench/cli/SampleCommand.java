package dev.rulebench.cli;

import dev.rulebench.config.ConfigException;
import dev.rulebench.grammar.Language;
import dev.rulebench.run.Seeds;
import java.io.PrintWriter;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rulebench sample <language> --count N [--seed N]}: words drawn from the generator. */
@Command(name = "sample", description = "Print words drawn from a language's generator, one per line.")
final class SampleCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<language>", description = "a language name (see 'languages')")
  String language;

  @Option(names = "--count", required = true, description = "how many words")
  int count;

  @Option(names = "--seed", defaultValue = "0", description = "generator seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--max-length", defaultValue = "256", description = "longest word (default: ${DEFAULT-VALUE})")
  int maxLength;

  @Override
  public void run() {
    if (count <= 0) {
      throw new ConfigException("--count must be positive, was " + count);
    }
    if (maxLength < 2) {
      throw new ConfigException("--max-length must be at least 2, was " + maxLength);
    }
    Language resolved = LanguageArgument.resolve(language);
    SplittableRandom random = Seeds.random(seed, "sample");
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < count; i++) {
      out.println(resolved.vocabulary().decode(resolved.sample(maxLength, random)));
    }
    out.flush();
  }
}
