package io.peaktrade.watch.operator.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Operator figures on the mock API server, written as key=value lines to docs/bench/operator.txt.
 * Not part of the test run (tag "benchmark"): scripts/bench-operator.sh runs it.
 */
@Tag("benchmark")
class OperatorBenchmark {

  private static final Path OUT = Path.of("../docs/bench/operator.txt");

  @Test
  void measure() throws Exception {
    Files.createDirectories(OUT.getParent());
    Files.writeString(OUT, "");
    for (int n : new int[] {1, 50, 200}) {
      run(n);
    }
  }

  private void run(int n) throws Exception {
    try (MockCluster cluster = new MockCluster(true)) {
      long t0 = System.nanoTime();
      cluster.startOperator();
      double startupS = (System.nanoTime() - t0) / 1e9;
      AtomicBoolean stop = new AtomicBoolean();
      Thread kubelet = new Thread(() -> fakeKubelet(cluster, stop), "fake-kubelet");
      kubelet.start();
      cluster.requests.reset();
      long start = System.nanoTime();
      List<String[]> demos = createDemos(cluster, n);
      while (!demos.stream().allMatch(d -> cluster.isReady(d[0], d[1]))) {
        Thread.sleep(20);
        if ((System.nanoTime() - start) / 1e9 > 300) {
          throw new IllegalStateException("not all ready after 300 s");
        }
      }
      double readyS = (System.nanoTime() - start) / 1e9;
      stop.set(true);
      kubelet.join();
      Thread.sleep(1_000);
      List<String> all = cluster.requests.all();
      long operatorWrites = cluster.requests.mutating().size();
      double reconciles = cluster.reconciliations();

      // steady state: an event per demo, then count what the operator writes
      cluster.requests.reset();
      double before = cluster.reconciliations();
      for (String[] d : demos) {
        cluster
            .client
            .services()
            .inNamespace(d[0])
            .withName(d[1] + "-exporter")
            .edit(
                s -> {
                  s.getMetadata().getAnnotations().put("bench", "touch");
                  return s;
                });
      }
      Thread.sleep(3_000);
      long steadyWrites = cluster.requests.mutating().size();
      double steadyReconciles = cluster.reconciliations() - before;

      System.gc();
      Thread.sleep(200);
      long withOperator = usedHeap();
      cluster.stopOperator();
      System.gc();
      Thread.sleep(200);
      long withoutOperator = usedHeap();

      String line =
          String.format(
              Locale.ROOT,
              "operator n=%d startup_s=%.3f create_to_all_ready_s=%.3f per_cr_ms=%.1f requests=%d"
                  + " operator_writes=%d reconciles=%.0f requests_per_reconcile=%.1f"
                  + " steady_reconciles=%.0f steady_mutating_requests=%d operator_heap_mb=%.1f",
              n,
              startupS,
              readyS,
              readyS * 1000 / n,
              all.size(),
              operatorWrites,
              reconciles,
              all.size() / Math.max(1, reconciles),
              steadyReconciles,
              steadyWrites,
              (withOperator - withoutOperator) / 1048576.0);
      System.out.println(line);
      Files.writeString(OUT, line + "\n", StandardOpenOption.APPEND);
    }
  }

  /** {@code n} demos over four namespaces; their namespace and name. */
  static List<String[]> createDemos(MockCluster cluster, int n) {
    List<String[]> demos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ExecutionWatchDemo d = Demos.demo("ns-" + (i % 4), "demo-" + i);
      d.getMetadata().setUid(null);
      cluster.client.resource(d).create();
      demos.add(new String[] {"ns-" + (i % 4), "demo-" + i});
    }
    return demos;
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  /** Makes every new Deployment available, as a kubelet and the deployment controller would. */
  static void fakeKubelet(MockCluster c, AtomicBoolean stop) {
    while (!stop.get()) {
      for (Deployment d : c.client.apps().deployments().inAnyNamespace().list().getItems()) {
        if (d.getStatus() == null || d.getStatus().getAvailableReplicas() == null) {
          d.setStatus(
              new DeploymentStatusBuilder()
                  .withReplicas(1)
                  .withReadyReplicas(1)
                  .withAvailableReplicas(1)
                  .build());
          try {
            c.client
                .apps()
                .deployments()
                .inNamespace(d.getMetadata().getNamespace())
                .resource(d)
                .updateStatus();
          } catch (RuntimeException e) {
            // changed meanwhile: next round
          }
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
