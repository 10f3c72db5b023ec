package io.peaktrade.watch.exporter.cli;

import java.util.List;

/** One {@code execution-watch} subcommand: its name, help text, options, and what it runs. */
interface Subcommand {

  String name();

  /** The help text, one line per element; the first one alone sums it up (the overview's). */
  List<String> description();

  /** Every option it takes (--help and --version come on top). */
  List<Flag> flags();

  /** Runs with the parsed options; the result is the process's exit status. */
  int run(Args args) throws Exception;
}
