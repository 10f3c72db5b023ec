package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScaleAndSteadyStateTest {

  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aFurtherReconcileOfASettledDemoWritesNothing() {
    cluster = new MockCluster(true).startOperator();
    cluster.client.resource(Demos.demo("steady", "demo")).create();
    cluster.markDemoAvailable("steady", "demo");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("steady", "demo"));
    cluster.awaitQuiet();
    cluster.requests.reset();
    double before = cluster.reconciliations();
    // An event on an owned object makes the controller reconcile the demo again.
    cluster
        .client
        .services()
        .inNamespace("steady")
        .withName("demo-exporter")
        .edit(
            s -> {
              s.getMetadata().getAnnotations().put("touched-by", "test");
              return s;
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.reconciliations() > before); // the edit triggered a reconcile
    cluster.awaitQuiet();
    assertThat(cluster.requests.mutating()).as("writes by the operator").isEmpty();
    Service svc = cluster.client.services().inNamespace("steady").withName("demo-exporter").get();
    assertThat(svc.getMetadata().getAnnotations()).containsEntry("touched-by", "test");
  }

  /**
   * kube-apiserver fills in defaults the operator never set; the mock does not. Add them as the API
   * server would, and the operator must still see its objects as up to date and write nothing.
   */
  @Test
  void fieldsDefaultedByTheApiServerCauseNoUpdates() {
    cluster = new MockCluster(true).startOperator();
    cluster.client.resource(Demos.demo("defaults", "demo")).create();
    cluster.markDemoAvailable("defaults", "demo");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("defaults", "demo"));
    for (String name : List.of("demo-exporter", "demo-shadow-mvs")) {
      cluster
          .client
          .apps()
          .deployments()
          .inNamespace("defaults")
          .withName(name)
          .edit(
              d -> {
                d.getSpec().setRevisionHistoryLimit(10);
                d.getSpec().setProgressDeadlineSeconds(600);
                var pod = d.getSpec().getTemplate().getSpec();
                pod.setDnsPolicy("ClusterFirst");
                pod.setRestartPolicy("Always");
                pod.setSchedulerName("default-scheduler");
                pod.setTerminationGracePeriodSeconds(30L);
                pod.setSecurityContext(
                    new PodSecurityContextBuilder(pod.getSecurityContext())
                        .withSupplementalGroups(List.of())
                        .build());
                Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
                    .forEach(
                        c -> {
                          c.setTerminationMessagePath("/dev/termination-log");
                          c.setTerminationMessagePolicy("File");
                          c.getPorts().forEach(p -> p.setProtocol("TCP"));
                          // quantities come back in canonical form: 1000m is stored as 1
                          c.getResources().getLimits().put("cpu", new Quantity("1"));
                          for (var probe :
                              Arrays.asList(c.getReadinessProbe(), c.getLivenessProbe())) {
                            if (probe != null) {
                              probe.setSuccessThreshold(1);
                              probe.getHttpGet().setScheme("HTTP");
                            }
                          }
                        });
                return d;
              });
      cluster
          .client
          .services()
          .inNamespace("defaults")
          .withName(name)
          .edit(
              svc -> {
                svc.getSpec().setClusterIP("10.96.0.42");
                svc.getSpec().setClusterIPs(List.of("10.96.0.42"));
                svc.getSpec().setSessionAffinity("None");
                svc.getSpec().setIpFamilies(List.of("IPv4"));
                svc.getSpec().setIpFamilyPolicy("SingleStack");
                svc.getSpec().setInternalTrafficPolicy("Cluster");
                return svc;
              });
    }
    cluster.awaitQuiet();
    cluster.requests.reset();
    double before = cluster.reconciliations();
    cluster
        .client
        .configMaps()
        .inNamespace("defaults")
        .withName("demo-dashboard")
        .edit(
            c -> {
              c.getMetadata().getAnnotations().put("touched-by", "test");
              return c;
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.reconciliations() > before);
    cluster.awaitQuiet();
    assertThat(cluster.requests.mutating()).as("writes by the operator").isEmpty();
  }

  @Test
  void fiftyDemosInSeveralNamespacesAllBecomeReady() {
    cluster = new MockCluster(true).startOperator();
    List<String[]> demos = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String ns = "team-" + (i % 5);
      String name = "demo-" + i;
      cluster.client.resource(Demos.demo(ns, name)).create();
      demos.add(new String[] {ns, name});
    }
    for (String[] d : demos) {
      cluster.markDemoAvailable(d[0], d[1]);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> demos.stream().allMatch(d -> cluster.isReady(d[0], d[1])));
  }
}
