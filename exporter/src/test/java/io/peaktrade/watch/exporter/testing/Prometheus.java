package io.peaktrade.watch.exporter.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.peaktrade.watch.exporter.demo.PrometheusProcess;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Debian's {@code prometheus} / {@code promtool}. Outside CI a missing binary skips the test;
 * under CI (CI=true) it fails, because .ci/run installs them and the real-Prometheus tier must
 * never be skipped silently.
 */
public final class Prometheus {

  private Prometheus() {}

  public static Path binary(String name) {
    Optional<Path> p = PrometheusProcess.locate(name);
    if (p.isPresent()) {
      return p.get();
    }
    String msg = name + " is not installed: " + PrometheusProcess.INSTALL_HINT;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(msg + " (CI must install it: see .ci/run)");
    }
    Assumptions.abort(msg);
    throw new AssertionError("unreachable");
  }
}
