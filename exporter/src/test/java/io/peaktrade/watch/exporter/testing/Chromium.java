package io.peaktrade.watch.exporter.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}) for tests of the pages: the DOM after the page's
 * scripts ran, and screenshots. Like {@link Prometheus}: missing, it skips the test outside CI and
 * fails it under CI (CI=true), where .ci/run installs it.
 */
public final class Chromium {

  /** Virtual time the page gets to run its scripts; network waits do not count against it. */
  private static final int BUDGET_MS = 8_000;

  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;
  private final Path profile;

  private Chromium(Path binary, Path profile) {
    this.binary = binary;
    this.profile = profile;
  }

  /** Chromium on PATH, with a fresh profile under {@code workDir}. */
  public static Chromium locate(Path workDir) {
    Optional<Path> found =
        Stream.of("chromium", "chromium-browser", "google-chrome")
            .flatMap(
                name ->
                    Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .map(dir -> Path.of(dir, name)))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      String msg = "chromium is not installed: apt-get install -y chromium";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + " (CI must install it: see scripts/test.sh)");
      }
      Assumptions.abort(msg);
    }
    try {
      return new Chromium(found.get(), Files.createDirectories(workDir.resolve("chromium")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's DOM once its scripts have run. */
  public String dumpDom(URI page) {
    Path out = profile.resolve("dom.html");
    run(out, "--dump-dom", page.toString());
    try {
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PNG of the page at this window size. */
  public Path screenshot(URI page, Path png, int width, int height) {
    run(
        profile.resolve("screenshot.log"),
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height,
        page.toString());
    return png;
  }

  private void run(Path stdout, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--headless");
    // root in CI containers; the page is the test's own, on loopback
    cmd.add("--no-sandbox");
    cmd.add("--disable-gpu");
    cmd.add("--hide-scrollbars");
    cmd.add("--no-first-run");
    cmd.add("--user-data-dir=" + profile.resolve("profile"));
    cmd.add("--virtual-time-budget=" + BUDGET_MS);
    cmd.addAll(List.of(args));
    Path stderr = profile.resolve("stderr.log");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
      }
      if (p.exitValue() != 0) {
        fail("chromium exited " + p.exitValue() + ": " + Files.readString(stderr));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
