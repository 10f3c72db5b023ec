package io.peaktrade.watch.exporter.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a server process in the foreground until SIGINT/SIGTERM, then closes what it started. */
final class Servers {

  private Servers() {}

  static int runUntilStopped(AutoCloseable running) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        System.err.println("Stopping failed: " + e);
      } finally {
        stopped.countDown();
      }
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
