package io.peaktrade.watch.exporter.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an Error (OutOfMemoryError, StackOverflowError, …) in a reader or server thread:
 * the process ends with status {@link #EXIT_STATUS} and says why, so that Kubernetes restarts the
 * container. Going on would serve frozen counters behind a healthy-looking /healthz.
 */
public final class FatalErrors {

  public static final int EXIT_STATUS = 70;

  private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);

  /** Logs and halts (no shutdown hooks: after an Error they may hang). */
  public static final Thread.UncaughtExceptionHandler EXIT =
      (thread, error) -> {
        try {
          LOG.error(
              "FATAL: thread {} died of {}. Exiting with status {} so that the container is"
                  + " restarted; ai_live goes on from its state file, the watch API reads the"
                  + " event file again.",
              thread.getName(),
              error.toString(),
              EXIT_STATUS,
              error);
        } finally {
          Runtime.getRuntime().halt(EXIT_STATUS);
        }
      };

  private static volatile Thread.UncaughtExceptionHandler handler = EXIT;

  private FatalErrors() {}

  /** Hands an Error that ends a reader or server thread to the process's handler. */
  public static void handle(Thread thread, Throwable error) {
    handler.uncaughtException(thread, error);
  }

  /**
   * Replaces the handler ({@link #EXIT} unless replaced): for tests, which must not end their JVM.
   */
  public static void setHandler(Thread.UncaughtExceptionHandler replacement) {
    handler = replacement;
  }
}
