package io.peaktrade.watch.operator.bench;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.runtime.OperatorMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator's metrics on the Prometheus client (as shipped: {@link OperatorMetrics}) against the
 * same meters on micrometer (the way java-operator-sdk's micrometer-support goes: a
 * PrometheusMeterRegistry, micrometer's JVM binders): each in a fresh JVM with the image's JVM
 * options, the meters registered and fed for 200 demos, one scrape. Start-up (JVM start to the
 * scrape written), peak RSS and series, interleaved runs; writes docs/bench/metrics_stack.txt.
 * micrometer's Prometheus registry is itself built on the Prometheus client
 * (prometheus-metrics-core), so it can only add to it; this measures by how much.
 */
@Tag("benchmark")
class MetricsStackBenchmark {

  private static final Path OUT = Path.of("../docs/bench/metrics_stack.txt");
  private static final int RUNS = Integer.getInteger("runs", 7);
  private static final int DEMOS = 200;

  @Test
  void measure() throws Exception {
    Files.createDirectories(OUT.getParent());
    Files.writeString(OUT, "");
    for (int run = 1; run <= RUNS; run++) {
      for (String stack : List.of("client_java", "micrometer")) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("@" + Path.of("jvm.options").toAbsolutePath());
        cmd.add("-XX:MaxRAM=384m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add(stack);
        cmd.add(Integer.toString(DEMOS));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException(stack + " failed: " + out);
        }
        String line = out.lines().reduce((a, b) -> b).orElseThrow() + " run=" + run;
        System.out.println(line);
        Files.writeString(OUT, line + "\n", StandardOpenOption.APPEND);
      }
    }
  }

  /** One stack in this JVM: register, feed for n demos, scrape once, print the figures. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      String stack = args[0];
      int n = Integer.parseInt(args[1]);
      List<ExecutionWatchDemo> demos = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        demos.add(Demos.demo("team-" + (i % 4), "demo-" + i));
      }
      List<Condition> conditions = new ArrayList<>();
      for (String type :
          List.of("Ready", "NoLiveEnforced", "MonitoringReady", "DashboardProvisioned")) {
        conditions.add(new ConditionBuilder().withType(type).withStatus("True").build());
      }
      String scrape =
          stack.equals("micrometer")
              ? micrometer(demos, conditions)
              : clientJava(demos, conditions);
      long series = scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
      long startupMs = ManagementFactory.getRuntimeMXBean().getUptime();
      System.out.printf(
          Locale.ROOT,
          "metrics_stack stack=%s demos=%d startup_ms=%d peak_rss_mb=%.1f series=%d%n",
          stack,
          n,
          startupMs,
          peakRssKb() / 1024.0,
          series);
    }

    private static String clientJava(List<ExecutionWatchDemo> demos, List<Condition> conditions)
        throws Exception {
      PrometheusRegistry registry = new PrometheusRegistry();
      OperatorMetrics metrics = new OperatorMetrics(registry);
      for (ExecutionWatchDemo d : demos) {
        metrics.conditions(d, conditions);
        metrics.reconcileCustomResource(d, null, java.util.Map.of());
        metrics.reconciliationExecutionStarted(d, java.util.Map.of());
        metrics.reconciliationExecutionFinished(d, java.util.Map.of());
        metrics.finishedReconciliation(d, java.util.Map.of());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
      return out.toString(StandardCharsets.UTF_8);
    }

    private static String micrometer(List<ExecutionWatchDemo> demos, List<Condition> conditions) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new ClassLoaderMetrics().bindTo(registry);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmGcMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      Tags controller = Tags.of("controller.name", "executionwatchdemo");
      Gauge.builder("reconciliations.active", () -> 0).tags(controller).register(registry);
      Gauge.builder("reconciliations.queue", () -> 0).tags(controller).register(registry);
      Gauge.builder("custom_resources", demos::size).tags(controller).register(registry);
      Timer timer =
          Timer.builder("reconciliations.execution.duration")
              .tags(controller)
              .publishPercentileHistogram()
              .register(registry);
      MultiGauge demoConditions =
          MultiGauge.builder("execution_watch_demo_condition").register(registry);
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (ExecutionWatchDemo d : demos) {
        String ns = d.getMetadata().getNamespace();
        Tags tags = controller.and("namespace", ns);
        Counter.builder("reconciliations.started").tags(tags).register(registry).increment();
        Counter.builder("reconciliations.success").tags(tags).register(registry).increment();
        Counter.builder("reconciliations.failure").tags(tags).register(registry);
        Counter.builder("reconciliations.retries").tags(tags).register(registry);
        timer.record(Duration.ofMillis(3));
        for (Condition c : conditions) {
          for (String status : List.of("True", "False", "Unknown")) {
            rows.add(
                MultiGauge.Row.of(
                    Tags.of(
                        "namespace",
                        ns,
                        "demo",
                        d.getMetadata().getName(),
                        "type",
                        c.getType(),
                        "status",
                        status),
                    status.equals(c.getStatus()) ? 1 : 0));
          }
        }
      }
      demoConditions.register(rows, true);
      return registry.scrape();
    }

    private static long peakRssKb() throws Exception {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("\\D", ""));
        }
      }
      return -1;
    }
  }
}
