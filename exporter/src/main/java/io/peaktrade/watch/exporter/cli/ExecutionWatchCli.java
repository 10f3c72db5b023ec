package io.peaktrade.watch.exporter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar execution-watch-exporter.jar SUBCOMMAND}: every Execution Watch process in one jar. */
@Command(
    name = "execution-watch",
    mixinStandardHelpOptions = true,
    versionProvider = ExecutionWatchCli.Version.class,
    description = "Peak_Trade Execution Watch demo tools. STRICT NO-LIVE: nothing here talks to a broker or exchange.",
    subcommands = {
      DemoCommand.class,
      EmitEventsCommand.class,
      AiLiveCommand.class,
      ShadowMvsCommand.class,
      WatchApiCommand.class,
      CheckCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ExecutionWatchCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new ExecutionWatchCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ExecutionWatchCli.class.getPackage().getImplementationVersion();
      return new String[] {"execution-watch " + (v == null ? "dev" : v)};
    }
  }
}
