package dev.rulebench.cli;

import dev.rulebench.config.ConfigException;
import dev.rulebench.grammar.Language;
import dev.rulebench.spi.RandomStreams;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rulebench sample <language> --count N [--seed N]}: words drawn from the generator. */
@Command(name = "sample", description = "Print words drawn from a language's generator, one per line.")
final class SampleCommand implements Runnable {

  /** Far beyond the papers' 256 symbols, well within memory. */
  static final int LONGEST = 65_536;

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
    if (maxLength < 2 || maxLength > LONGEST) {
      throw new ConfigException("--max-length must be in [2, " + LONGEST + "], was " + maxLength);
    }
    Language resolved = LanguageArgument.resolve(language);
    SplittableRandom random = RandomStreams.random(seed, "sample");
    List<String> words = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      try {
        words.add(resolved.vocabulary().decode(resolved.sample(maxLength, random)));
      } catch (IllegalArgumentException e) {
        // a generator that cannot fit any word in the bound (aNbNcN's shortest word has 3 symbols)
        throw new ConfigException("--max-length " + maxLength + " is too short for " + resolved.name()
            + ": no word of it fits (" + e.getMessage() + ")");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    words.forEach(out::println);
    out.flush();
  }
}
