package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.exporter.http.PortInUseException;
import io.peaktrade.watch.exporter.process.FatalErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@code java -jar execution-watch-exporter.jar SUBCOMMAND [OPTIONS]}: every Execution Watch
 * process in one jar.
 *
 * <p>The command line is parsed here, without a CLI library: picocli's annotation model took about
 * 150 ms of every exporter start (a third of the ai_live start-up, measured in
 * docs/bench/levers.txt), commons-cli about 45 ms; the options are few and flat.
 */
public final class ExecutionWatchCli {

  static final String NAME = "execution-watch";

  /** EX_USAGE of sysexits.h, as most CLIs answer a command line they cannot run. */
  static final int USAGE = 2;

  private static final List<Subcommand> SUBCOMMANDS =
      List.of(
          new DemoCommand(),
          new EmitEventsCommand(),
          new AiLiveCommand(),
          new ShadowMvsCommand(),
          new WatchApiCommand(),
          new CheckCommand());

  private static final List<String> DESCRIPTION =
      List.of(
          "Peak_Trade Execution Watch demo tools. STRICT NO-LIVE: nothing here talks to a broker or"
              + " exchange.");

  private ExecutionWatchCli() {}

  public static void main(String[] args) {
    // An Error in any thread (a reader, a server) ends the process: never frozen counters.
    Thread.setDefaultUncaughtExceptionHandler(FatalErrors::handle);
    System.exit(run(args, System.out, System.err, System::getenv));
  }

  /**
   * Runs the command line and returns the exit status: the subcommand's, {@value #USAGE} for a
   * command line it cannot run (said on {@code err}), 1 when the subcommand failed.
   */
  static int run(String[] args, PrintStream out, PrintStream err, UnaryOperator<String> env) {
    List<String> words = Arrays.asList(args);
    if (words.isEmpty() || isHelp(words.get(0))) {
      out.print(overview());
      return words.isEmpty() ? USAGE : 0;
    }
    if (isVersion(words.get(0))) {
      out.println(version());
      return 0;
    }
    if (words.get(0).equals("help")) {
      return help(words.subList(1, words.size()), out, err, env);
    }
    Optional<Subcommand> command = find(words.get(0));
    if (command.isEmpty()) {
      err.println(unknownCommand(words.get(0)));
      return USAGE;
    }
    Subcommand c = command.get();
    List<String> rest = words.subList(1, words.size());
    if (asOption(c, rest, ExecutionWatchCli::isHelp)) {
      out.print(usage(c, env));
      return 0;
    }
    if (asOption(c, rest, ExecutionWatchCli::isVersion)) {
      out.println(version());
      return 0;
    }
    try {
      return c.run(Args.parse(c, rest, env));
    } catch (UsageException e) {
      // one line: what is wrong and where the options are listed
      err.println(e.getMessage() + " Try '" + NAME + " " + c.name() + " --help' for its options.");
      return USAGE;
    } catch (IOException e) {
      // said for a person (a port taken, a file missing): the message, no stack trace
      boolean ours = e.getClass() == IOException.class || e instanceof PortInUseException;
      err.println(NAME + " " + c.name() + " failed: " + (ours ? e.getMessage() : e.toString()));
      return 1;
    } catch (Exception e) {
      err.println(NAME + " " + c.name() + " failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  /**
   * Checks a command line without running it: throws an {@link IllegalArgumentException} (a
   * UsageException) for an unknown subcommand or option, or a value that is not of its option's
   * type. The runbook's commands and those the operator gives its containers are held to it.
   */
  public static void check(String... args) {
    String name = args.length > 0 ? args[0] : "";
    Subcommand c = find(name).orElseThrow(() -> new UsageException(unknownCommand(name)));
    Args.parse(c, Arrays.asList(args).subList(1, args.length), System::getenv);
  }

  static Optional<Subcommand> find(String name) {
    return SUBCOMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static int help(
      List<String> topic, PrintStream out, PrintStream err, UnaryOperator<String> env) {
    if (topic.isEmpty()) {
      out.print(overview());
      return 0;
    }
    Optional<Subcommand> c = find(topic.get(0));
    if (c.isEmpty()) {
      err.println(unknownCommand(topic.get(0)));
      return USAGE;
    }
    out.print(usage(c.get(), env));
    return 0;
  }

  private static String unknownCommand(String word) {
    List<String> names = SUBCOMMANDS.stream().map(Subcommand::name).toList();
    String hint = Suggestions.closest(word, names).map(s -> " Did you mean " + s + "?").orElse("");
    return "Unknown command '"
        + word
        + "'."
        + hint
        + " Commands: "
        + String.join(", ", names)
        + " (see '"
        + NAME
        + " --help').";
  }

  private static boolean asOption(Subcommand c, List<String> argv, Predicate<String> which) {
    return argv.stream().filter(which).anyMatch(w -> Args.asOption(c, argv, w));
  }

  private static boolean isHelp(String word) {
    return word.equals("--help") || word.equals("-h");
  }

  private static boolean isVersion(String word) {
    return word.equals("--version") || word.equals("-V");
  }

  static String version() {
    String v = ExecutionWatchCli.class.getPackage().getImplementationVersion();
    return NAME + " " + (v == null ? "dev" : v);
  }

  static String overview() {
    StringBuilder s = new StringBuilder("Usage: " + NAME + " [-hV] COMMAND [OPTIONS]\n");
    DESCRIPTION.forEach(line -> s.append(line).append('\n'));
    s.append("  -h, --help      Show this help message and exit.\n");
    s.append("  -V, --version   Print version information and exit.\n");
    s.append("Commands:\n");
    for (Subcommand c : SUBCOMMANDS) {
      s.append(String.format("  %-12s %s%n", c.name(), c.description().get(0)));
    }
    s.append(String.format("  %-12s %s%n", "help", "Shows the options of a command."));
    return s.toString();
  }

  /** The --help text of one subcommand, defaults as they are now (environment included). */
  static String usage(Subcommand c, UnaryOperator<String> env) {
    StringBuilder s = new StringBuilder("Usage: " + NAME + " " + c.name() + " [OPTIONS]\n");
    c.description().forEach(line -> s.append(line).append('\n'));
    List<String[]> rows = new ArrayList<>();
    for (Flag f : c.flags()) {
      rows.add(
          new String[] {
            f.synopsis(), f.description().replace(Flag.DEFAULT_VALUE, f.defaultForHelp(env))
          });
    }
    rows.add(new String[] {"-h, --help", "Show this help message and exit."});
    rows.add(new String[] {"-V, --version", "Print version information and exit."});
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    for (String[] r : rows) {
      s.append("  ").append(r[0]).append(" ".repeat(width - r[0].length() + 3)).append(r[1]);
      s.append('\n');
    }
    return s.toString();
  }
}
