package dev.rulebench.cli;

import dev.rulebench.config.ConfigException;
import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rulebench}: the command line over languages, prompts and single training runs.
 *
 * <p>Bad input (an unknown name, a symbol outside the alphabet, a non-positive number, a missing
 * argument) is answered with one line on standard error and exit code 2; nothing else is printed.
 */
@Command(
    name = "rulebench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Rule extrapolation benchmarks: languages, prompt sets and single training runs.",
    subcommands = {
      LanguagesCommand.class,
      PromptsCommand.class,
      SampleCommand.class,
      CheckCommand.class,
      RunCommand.class
    })
public final class RuleBenchCommand implements Runnable {

  /** Exit code of bad input. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Where {@code check} reads words from. */
  final InputStream in;

  RuleBenchCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command: languages, prompts, sample, check or run");
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new RuleBenchCommand(in));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler((e, arguments) -> {
      err.println("rulebench: " + oneLine(e.getMessage()));
      return BAD_INPUT;
    });
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      err.println("rulebench: " + oneLine(describe(e)));
      return e instanceof ConfigException ? BAD_INPUT : 1;
    });
    return commandLine.execute(args);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
