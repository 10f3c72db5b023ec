package io.peaktrade.watch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.reconciler.Ownership.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The claim on a demo, on the mock API server (which answers a merge patch carrying a stale
 * resourceVersion with 409, as kube-apiserver does): two instances reading the same demo never both
 * win; a live owner is never taken over; one whose heartbeat stood still is, after the bound.
 */
class OwnershipTest {

  private static final Duration RENEW = Duration.ofSeconds(30);
  private static final Duration TAKEOVER = Duration.ofSeconds(90);

  private final MockCluster cluster = new MockCluster(false);
  private final AtomicLong wall =
      new AtomicLong(Instant.parse("2026-12-05T10:00:00Z").toEpochMilli());
  private final AtomicLong nanosA = new AtomicLong();
  private final AtomicLong nanosB = new AtomicLong();

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(wall.get());
        }
      };

  private final Ownership a = new Ownership("ops-a/ewo", RENEW, TAKEOVER, clock, nanosA::get);
  private final Ownership b = new Ownership("ops-b/ewo", RENEW, TAKEOVER, clock, nanosB::get);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private ExecutionWatchDemo stored() {
    return cluster
        .client
        .resources(ExecutionWatchDemo.class)
        .inNamespace("ns")
        .withName("demo")
        .get();
  }

  private void elapse(Duration d) {
    wall.addAndGet(d.toMillis());
    nanosA.addAndGet(d.toNanos());
    nanosB.addAndGet(d.toNanos());
  }

  @Test
  void twoInstancesThatReadTheSameDemoNeverBothWinTheClaim() {
    ExecutionWatchDemo read = cluster.client.resource(Demos.demo("ns", "demo")).create();
    Ownership.Verdict first = a.decide(read, cluster.client);
    Ownership.Verdict second = b.decide(read, cluster.client); // the same, now stale, read
    assertThat(first.kind()).isEqualTo(Kind.CLAIMED);
    assertThat(second.kind()).isEqualTo(Kind.OTHERS);
    assertThat(second.owner()).isEqualTo("ops-a/ewo");
    assertThat(stored().getMetadata().getAnnotations())
        .containsEntry(Ownership.OWNER, "ops-a/ewo")
        .containsEntry(Ownership.HEARTBEAT, "2026-12-05T10:00:00Z");
  }

  @Test
  void aLiveOwnerIsNeverTakenOverOneWhoseHeartbeatStoodStillIsAfterTheBound() {
    cluster.client.resource(Demos.demo("ns", "demo")).create();
    assertThat(a.decide(stored(), cluster.client).kind()).isEqualTo(Kind.CLAIMED);
    assertThat(b.decide(stored(), cluster.client).kind()).isEqualTo(Kind.OTHERS);
    // A renews at every renewal interval: B never takes over, however long
    for (int i = 0; i < 10; i++) {
      elapse(RENEW);
      String before = stored().getMetadata().getResourceVersion();
      assertThat(a.decide(stored(), cluster.client).kind()).isEqualTo(Kind.OURS);
      assertThat(stored().getMetadata().getResourceVersion())
          .as("the heartbeat was renewed")
          .isNotEqualTo(before);
      Ownership.Verdict seen = b.decide(stored(), cluster.client);
      assertThat(seen.kind()).isEqualTo(Kind.OTHERS);
      assertThat(seen.recheckIn()).isEqualTo(TAKEOVER);
    }
    // A stops: B waits the bound from the last heartbeat it saw change, then takes over
    elapse(TAKEOVER.minusSeconds(1));
    assertThat(b.decide(stored(), cluster.client).kind()).isEqualTo(Kind.OTHERS);
    elapse(Duration.ofSeconds(1));
    Ownership.Verdict over = b.decide(stored(), cluster.client);
    assertThat(over.kind()).isEqualTo(Kind.TAKEN_OVER);
    assertThat(over.previousOwner()).isEqualTo("ops-a/ewo");
    assertThat(stored().getMetadata().getAnnotations()).containsEntry(Ownership.OWNER, "ops-b/ewo");
    // A comes back: the demo is B's now
    assertThat(a.decide(stored(), cluster.client).kind()).isEqualTo(Kind.OTHERS);
  }

  /** Judged by when the heartbeat was seen to change, never by comparing two pods' clocks. */
  @Test
  void anOwnerWhoseClockIsFarBehindIsNotTakenOverWhileItRenews() {
    cluster.client.resource(Demos.demo("ns", "demo")).create();
    Clock behind = Clock.offset(clock, Duration.ofHours(-3));
    Ownership slow = new Ownership("ops-a/ewo", RENEW, TAKEOVER, behind, nanosA::get);
    assertThat(slow.decide(stored(), cluster.client).kind()).isEqualTo(Kind.CLAIMED);
    for (int i = 0; i < 5; i++) {
      assertThat(b.decide(stored(), cluster.client).kind()).isEqualTo(Kind.OTHERS);
      elapse(RENEW);
      slow.decide(stored(), cluster.client);
    }
    assertThat(b.decide(stored(), cluster.client).kind()).isEqualTo(Kind.OTHERS);
  }

  @Test
  void removingTheAnnotationHandsTheDemoToTheNextInstanceThatLooks() {
    cluster.client.resource(Demos.demo("ns", "demo")).create();
    a.decide(stored(), cluster.client);
    ExecutionWatchDemo d = stored();
    d.getMetadata().getAnnotations().remove(Ownership.OWNER);
    cluster.client.resource(d).update();
    assertThat(b.decide(stored(), cluster.client).kind()).isEqualTo(Kind.CLAIMED);
    assertThat(a.decide(stored(), cluster.client).kind()).isEqualTo(Kind.OTHERS);
  }
}
