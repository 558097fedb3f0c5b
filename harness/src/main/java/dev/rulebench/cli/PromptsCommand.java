package dev.rulebench.cli;

import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.spi.RandomStreams;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rulebench prompts <language> --id|--ood [--seed N]}: one prompt per line, without SOS. */
@Command(name = "prompts", description = "Print a language's ID or OOD prompt set, one prompt per line.")
final class PromptsCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<language>", description = "a language name (see 'languages')")
  String language;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Kind kind;

  static final class Kind {
    @Option(names = "--id", required = true, description = "the in-distribution prompts")
    boolean id;

    @Option(names = "--ood", required = true, description = "the out-of-distribution prompts")
    boolean ood;
  }

  @Option(names = "--seed", defaultValue = "0", description = "seed of the random prompt sets (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public void run() {
    Language resolved = LanguageArgument.resolve(language);
    PromptSet prompts = resolved.prompts(RandomStreams.random(seed, "prompts")).get(kind.id ? PromptKind.ID : PromptKind.OOD);
    PrintWriter out = spec.commandLine().getOut();
    for (int[] word : prompts.words()) {
      out.println(resolved.vocabulary().decode(word));
    }
    out.flush();
  }
}
