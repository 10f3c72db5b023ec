package io.peaktrade.watch.operator.bench;

import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.OperatorProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator's memory as a process: the shaded jar with the image's JVM options
 * (operator/jvm.options, and the chart's memory limit as the JVM's RAM), against the mock API
 * server over HTTP, with 1 and with 200 demos. Idle RSS after every demo is Ready and the operator
 * has gone quiet, and peak RSS (VmHWM), from /proc. Writes docs/bench/operator_rss.txt;
 * scripts/bench-operator.sh runs it after {@link OperatorBenchmark}.
 */
@Tag("benchmark")
class OperatorProcessRssBenchmark {

  private static final Path OUT = Path.of("../docs/bench/operator_rss.txt");
  private static final Path JAR = Path.of("target/execution-watch-operator.jar");

  private static final int RUNS = Integer.getInteger("runs", 3);

  /** The chart's default memory limit for the operator (values.yaml resources.limits.memory). */
  private static final String CHART_LIMIT = "384m";

  @Test
  void measure() throws Exception {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: ./mvnw -pl operator -am package first");
    }
    Files.createDirectories(OUT.getParent());
    Files.writeString(OUT, "");
    // interleaved: the machine changes phase within minutes
    for (int run = 1; run <= RUNS; run++) {
      for (int n : new int[] {1, 200}) {
        run(n, run);
      }
    }
  }

  private void run(int n, int run) throws Exception {
    try (MockCluster cluster = new MockCluster(true);
        OperatorProcess operator =
            OperatorProcess.start(cluster, JAR, Path.of("jvm.options"), CHART_LIMIT, Map.of())) {
      AtomicBoolean stop = new AtomicBoolean();
      Thread kubelet = new Thread(() -> OperatorBenchmark.fakeKubelet(cluster, stop), "kubelet");
      try {
        kubelet.start();
        List<String[]> demos = OperatorBenchmark.createDemos(cluster, n);
        long start = System.nanoTime();
        while (!demos.stream().allMatch(d -> cluster.isReady(d[0], d[1]))) {
          Thread.sleep(100);
          if ((System.nanoTime() - start) / 1e9 > 300) {
            throw new IllegalStateException("not all Ready after 300 s; see " + operator.log());
          }
        }
        stop.set(true);
        kubelet.join();
        cluster.awaitQuiet();
        Thread.sleep(10_000);
        long[] rss = rssKb(operator.pid());
        List<String> series =
            operator.metrics().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        String line =
            String.format(
                Locale.ROOT,
                "operator_process n=%d run=%d startup_s=%.3f idle_rss_mb=%.1f peak_rss_mb=%.1f"
                    + " series=%d demo_condition_series=%d jvm=%s max_ram=%s",
                n,
                run,
                operator.startupSeconds(),
                rss[0] / 1024.0,
                rss[1] / 1024.0,
                series.size(),
                series.stream()
                    .filter(l -> l.startsWith("execution_watch_demo_condition{"))
                    .count(),
                System.getProperty("java.version"),
                CHART_LIMIT);
        System.out.println(line);
        Files.writeString(OUT, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } finally {
        stop.set(true);
      }
    }
  }

  /** VmRSS and VmHWM in KiB. */
  private static long[] rssKb(long pid) throws Exception {
    long rss = 0;
    long hwm = 0;
    for (String l : Files.readAllLines(new File("/proc/" + pid + "/status").toPath())) {
      if (l.startsWith("VmRSS:")) {
        rss = Long.parseLong(l.replaceAll("\\D", ""));
      } else if (l.startsWith("VmHWM:")) {
        hwm = Long.parseLong(l.replaceAll("\\D", ""));
      }
    }
    return new long[] {rss, hwm};
  }
}
