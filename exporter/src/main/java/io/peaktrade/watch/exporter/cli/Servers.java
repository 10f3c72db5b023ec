package io.peaktrade.watch.exporter.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** Keeps a server process in the foreground until SIGINT/SIGTERM, then closes what it started. */
final class Servers {

  /**
   * Where a stand-alone server listens unless --bind says otherwise: this machine only, so the
   * runbook's manual path shows decision data to nobody on the network. The pod passes --bind
   * 0.0.0.0 (Prometheus scrapes it from another pod, behind the NetworkPolicy).
   */
  static final String LOCAL_ONLY = "127.0.0.1";

  private Servers() {}

  /**
   * Closes {@code resource} when the JVM shuts down (Ctrl-C, SIGTERM) — or earlier through the
   * returned handle; either way only once.
   */
  static AutoCloseable closeOnShutdown(AutoCloseable resource) {
    AtomicBoolean closed = new AtomicBoolean();
    AutoCloseable once =
        () -> {
          if (closed.compareAndSet(false, true)) {
            resource.close();
          }
        };
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    once.close();
                  } catch (Exception e) {
                    System.err.println("Stopping failed: " + e);
                  }
                },
                "shutdown"));
    return once;
  }

  /** Blocks until the JVM shuts down; the shutdown hooks do the closing. */
  static int blockUntilShutdown() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static int runUntilStopped(AutoCloseable running) {
    closeOnShutdown(running);
    return blockUntilShutdown();
  }
}
