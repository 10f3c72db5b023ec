package io.peaktrade.watch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.RbacRequests;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repeated identical events are one Event with a count, as Kubernetes' own recorder makes them. */
class EventRecorderTest {

  @Test
  void aRepeatedFailureIsOneEventWithACountAndANewOneIsSeparate() {
    try (MockCluster cluster = new MockCluster(false)) {
      ExecutionWatchDemo demo = cluster.client.resource(Demos.demo("peaktrade", "demo")).create();
      Instant t = Instant.parse("2026-12-01T10:00:00Z");
      EventRecorder events =
          new EventRecorder(cluster.operatorClient, Clock.fixed(t, ZoneOffset.UTC));
      for (int i = 0; i < 3; i++) {
        events.warning(demo, "ReconcileFailed", "Reconcile failed and will be retried: boom");
      }
      events.warning(demo, "NetworkPolicyWriteFailed", "forbidden");

      List<Event> all = cluster.client.v1().events().inNamespace("peaktrade").list().getItems();
      assertThat(all).hasSize(2);
      Event repeated =
          all.stream()
              .filter(e -> e.getReason().equals("ReconcileFailed"))
              .findFirst()
              .orElseThrow();
      assertThat(repeated.getCount()).isEqualTo(3);
      assertThat(repeated.getFirstTimestamp()).isEqualTo("2026-12-01T10:00:00Z");
      assertThat(repeated.getInvolvedObject().getName()).isEqualTo("demo");
      assertThat(cluster.requests.mutating())
          .as("one create per distinct event, patches for the repeats")
          .filteredOn(r -> r.startsWith("POST /api/v1/namespaces/peaktrade/events"))
          .hasSize(2);
      assertThat(RbacRequests.notAllowed(cluster.requests.all()))
          .as("a repeat needs only the operator's events permissions (create, patch)")
          .isEmpty();
    }
  }

  @Test
  void anEventThatExpiredIsCreatedAnew() {
    try (MockCluster cluster = new MockCluster(false)) {
      ExecutionWatchDemo demo = cluster.client.resource(Demos.demo("peaktrade", "demo")).create();
      EventRecorder events = new EventRecorder(cluster.operatorClient, Clock.systemUTC());
      events.warning(demo, "ReconcileFailed", "boom");
      cluster.client.v1().events().inNamespace("peaktrade").delete();
      events.warning(demo, "ReconcileFailed", "boom");
      assertThat(cluster.client.v1().events().inNamespace("peaktrade").list().getItems())
          .singleElement()
          .satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
      assertThat(RbacRequests.notAllowed(cluster.requests.all())).isEmpty();
    }
  }
}
