package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server's faults, as the operator meets them in a cluster: its watches cut and their
 * resourceVersion compacted meanwhile (410 Expired), writes answered 500 or 429, for a moment or
 * for longer. The resync is ten minutes here, so nothing is put right by it: only by the watches,
 * the new list and the retries. (fabric8 7.5.2 retries a request answered 429 or 5xx up to 10
 * times, honouring Retry-After — StandardHttpClient.shouldRetry; java-operator-sdk 5.2.3 keeps an
 * informer retrying after any error but a deserialization one when stopOnInformerErrorDuringStartup
 * is off — InformerWrapper.start.)
 */
class ApiFaultsTest {

  private static final String NS = "faults";
  private MockCluster cluster;

  @BeforeEach
  void startDemo() {
    cluster = new MockCluster(true);
    cluster.startOperator(MockCluster.DEFAULT_SETTINGS.withResyncInterval(Duration.ofMinutes(10)));
    cluster.client.resource(Demos.demo(NS, "demo")).create();
    cluster.markDemoAvailable(NS, "demo");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady(NS, "demo"));
    cluster.awaitQuiet();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private Condition ready() {
    ExecutionWatchDemo d =
        cluster.client.resources(ExecutionWatchDemo.class).inNamespace(NS).withName("demo").get();
    return d.getStatus().conditions.stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElseThrow();
  }

  private void drift() {
    Deployment d = cluster.deployment(NS, "demo-exporter");
    d.getSpec().setReplicas(3);
    cluster.client.resource(d).update();
  }

  private boolean repaired() {
    return Integer.valueOf(1)
        .equals(cluster.deployment(NS, "demo-exporter").getSpec().getReplicas());
  }

  @Test
  void watchesCutAndExpiredAreListedAgainAndWhatTheyMissedIsPutRight() {
    cluster.requests.partition();
    // deleted while no watch runs: no event reaches the operator, only a new list shows it
    cluster.client.network().networkPolicies().inNamespace(NS).withName("demo-no-live").delete();
    cluster.requests.heal();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.networkPolicy(NS, "demo-no-live") != null);
    assertThat(cluster.requests.all())
        .as("listed again after 410 Expired")
        .filteredOn(
            r ->
                r.startsWith("GET /apis/networking.k8s.io/v1/networkpolicies?")
                    && !r.contains("watch=true"))
        .hasSizeGreaterThanOrEqualTo(2);

    // the watches run again: a change now is seen at once
    drift();
    await().atMost(Duration.ofSeconds(20)).until(this::repaired);
  }

  @Test
  void aFewFailedOrThrottledWritesAreRetriedWithoutAFuss() {
    String put = "PUT /apis/apps/v1/namespaces/" + NS + "/deployments/demo-exporter";
    cluster.requests.failNext(put, 500, 2);
    cluster.requests.failNext(put, 429, 1);
    drift();
    await().atMost(Duration.ofSeconds(30)).until(this::repaired);
    assertThat(cluster.requests.faulted())
        .containsExactly("500 " + put, "500 " + put, "429 " + put);
    assertThat(ready().getStatus()).isEqualTo("True");
    assertThat(cluster.client.v1().events().inNamespace(NS).list().getItems())
        .noneMatch(e -> "Warning".equals(e.getType()));
  }

  @Test
  void anApiServerThatKeepsFailingIsReportedAndRecoveredFrom() {
    String put = "PUT /apis/apps/v1/namespaces/" + NS + "/deployments/demo-exporter";
    cluster.requests.failNext(put, 500, 1_000);
    drift();
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              Condition ready = ready();
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("ReconcileFailed");
              assertThat(ready.getMessage()).contains("exporter-deployment").contains("500");
            });
    assertThat(cluster.client.v1().events().inNamespace(NS).list().getItems())
        .as("a Warning Event says the write fails")
        .anyMatch(e -> "Warning".equals(e.getType()) && e.getMessage().contains("500"));
    assertThat(cluster.requests.faulted())
        .as("fabric8 retried before giving up")
        .hasSizeGreaterThan(5);

    cluster.requests.clearFaults();
    await().atMost(Duration.ofSeconds(60)).until(this::repaired);
    await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(ready().getStatus()));
  }
}
