package io.peaktrade.watch.exporter.cli;

/**
 * A command line that cannot run as given: the message says what is wrong and what to pass instead.
 * The CLI prints it with a pointer to --help and exits with status 2.
 */
final class UsageException extends IllegalArgumentException {

  UsageException(String message) {
    super(message);
  }
}
