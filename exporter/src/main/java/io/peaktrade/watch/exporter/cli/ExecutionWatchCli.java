package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.exporter.events.FatalErrors;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar execution-watch-exporter.jar SUBCOMMAND}: every Execution Watch process in one
 * jar.
 */
@Command(
    name = "execution-watch",
    mixinStandardHelpOptions = true,
    versionProvider = ExecutionWatchCli.Version.class,
    description =
        "Peak_Trade Execution Watch demo tools. STRICT NO-LIVE: nothing here talks to a broker or"
            + " exchange.")
public final class ExecutionWatchCli {

  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          DemoCommand.class,
          EmitEventsCommand.class,
          AiLiveCommand.class,
          ShadowMvsCommand.class,
          WatchApiCommand.class,
          CheckCommand.class,
          CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    // An Error in any thread (a reader, a server) ends the process: never frozen counters.
    Thread.setDefaultUncaughtExceptionHandler(FatalErrors::handle);
    System.exit(commandLine(args).execute(args));
  }

  /** The full command tree, every subcommand registered. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command tree for these arguments: when they start with a subcommand's name, only that
   * subcommand is registered. picocli builds each subcommand's model by reflection, and the
   * exporters' start-up time counts (their benchmark runs from process start).
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new ExecutionWatchCli());
    String first = args.length > 0 ? args[0] : "";
    boolean named =
        !first.equals("help") && SUBCOMMANDS.stream().anyMatch(c -> name(c).equals(first));
    for (Class<?> sub : SUBCOMMANDS) {
      if (!named || name(sub).equals(first)) {
        cli.addSubcommand(sub);
      }
    }
    return cli.setCaseInsensitiveEnumValuesAllowed(true);
  }

  private static String name(Class<?> subcommand) {
    return subcommand.getAnnotation(Command.class).name();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ExecutionWatchCli.class.getPackage().getImplementationVersion();
      return new String[] {"execution-watch " + (v == null ? "dev" : v)};
    }
  }
}
