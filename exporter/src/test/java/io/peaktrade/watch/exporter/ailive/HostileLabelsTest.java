package io.peaktrade.watch.exporter.ailive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels are bounded in number and length, and so is the heap: a hostile event stream (a million
 * distinct run ids, a hundred thousand distinct 60 KB reasons) is counted exactly by a JVM with a
 * 64 MiB heap, into a bounded number of series.
 */
class HostileLabelsTest {

  @Test
  void aMillionRunIdsAndHundredThousandHugeReasonsFitIn64MiBAndAreCountedExactly(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                HostileLabelsMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    boolean ended = p.waitFor(240, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String text = Files.readString(out);
    assertThat(ended).as(text).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    List<String> last = text.lines().filter(l -> l.startsWith("fed=")).toList();
    assertThat(last).as(text).hasSize(1);
    String[] f = last.get(0).split(" ");
    long fed = Long.parseLong(f[0].substring(4));
    long counted = Long.parseLong(f[1].substring(8));
    long series = Long.parseLong(f[2].substring(7));
    assertThat(fed).isEqualTo(1_100_000);
    assertThat(counted).as("every event counted").isEqualTo(fed);
    assertThat(series)
        .as("run_id x component x decision x reason within their caps")
        .isLessThanOrEqualTo(
            (long) (DecisionMetrics.Defaults.MAX_RUN_IDS + 1)
                * (DecisionMetrics.Defaults.MAX_COMPONENTS + 1)
                * 3
                * (20 + 1));
  }
}
